//! Many inputs: lazy expansion ([`inputs`]), parallel extraction on a local rayon pool
//! ([`work`]), output in input order through a bounded reorder window, progress on stderr
//! ([`progress`]) and an account of every input ([`summary`]).
//!
//! Memory is bounded by the window: at most `--window` inputs are in flight (read,
//! extracted, or finished and waiting for an earlier one), whatever the number of files.

pub mod inputs;
pub mod progress;
pub mod summary;
pub mod work;

use std::collections::VecDeque;
use std::io::{self, BufWriter, IoSlice, Write};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::decode::encoding_for_label;
use crate::extract::Options;
use crate::record::Record;

use inputs::{Glob, Input, Inputs, Shard, Spec, DEFAULT_GLOBS};
use progress::Progress;
use summary::Summary;
use work::{Outcome, Settings, Slot, TestHook};

/// When the exit status is 1 (see `--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any input became an error record.
    Error,
    /// ... or any record has a failed reconciliation check.
    Check,
    /// ... or any record has a warning.
    Warning,
    /// Never (exit 0 unless the command line is wrong or output cannot be written).
    Never,
}

/// `declx extract` options.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Examples:
  declx extract form.txt --pretty                 one file, indented JSON on stdout
  declx extract archive/ > records.jsonl          a folder tree, JSON Lines in sorted path order
  cat form.txt | declx extract -                  stdin
  declx extract -o out/ archive/                  one out/<relative path>.json per input
  declx extract -o out/ --resume archive/         run again after an interruption
  find /data -name '*.txt' > list; declx extract --files-from list -o out/
  declx extract --shard 2/8 --files-from list > part-2.jsonl   (one of 8 machines)

Exit status: 0 every input gave a record without error (see --fail-on), 1 some input
became an error record, 2 the command line is wrong (bad option, unknown encoding,
bad --shard, unreadable --files-from). Each failed input is named on stderr.")]
pub struct ExtractArgs {
    /// Files, directories (recursed, sorted by path, filtered by --glob), or `-` for stdin.
    ///
    /// Example: declx extract 2023/forms/ extra.txt -
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    pub inputs: Vec<PathBuf>,

    /// Read more inputs from LIST, one path per line (`-`: stdin), after the INPUTs.
    ///
    /// For archives too large for a command line. Blank lines are skipped; a line naming a
    /// directory is recursed. Example: find /data -name '*.txt' | declx extract --files-from -
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,

    /// Which files to take inside directories (repeatable; default: *.txt *.text *.tsv *.csv *.htm *.html *.pdf).
    ///
    /// Without `/` a pattern matches the file name; with `/` the path below the directory
    /// given. `*` and `?` stay within one folder, `**` spans folders; case is ignored.
    /// Files named directly are always taken. Example: --glob '*.txt' --glob '2023/**/*.pdf'
    #[arg(long, value_name = "PATTERN")]
    pub glob: Vec<String>,

    /// Indented JSON instead of one record per line.
    ///
    /// Example: declx extract form.txt --pretty
    #[arg(long)]
    pub pretty: bool,

    /// Write one `<name>.json` per input into DIR instead of stdout (atomically).
    ///
    /// Names: a file given directly → DIR/<stem>.json; a file found under a directory
    /// argument → DIR/<path below that directory>.json; --files-from entries mirror their
    /// listed path; stdin → DIR/stdin.json. Example: declx extract -o out/ archive/
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// With -o: skip inputs whose output already holds a record of the same path and sha256.
    ///
    /// Records of kind io, timeout and internal are redone. Use the same options as the
    /// interrupted run. Example: declx extract -o out/ --resume archive/
    #[arg(long, requires = "output_dir")]
    pub resume: bool,

    /// Worker threads (default: all cores).
    ///
    /// Example: --jobs 4
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Take only share K of N of the inputs (by a hash of each path), for N machines.
    ///
    /// The N shards of the same input list are disjoint and together hold every input.
    /// Example: --shard 3/8
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,

    /// Refuse inputs larger than SIZE (bytes; suffix K, M or G for KiB, MiB, GiB).
    ///
    /// A larger file becomes an `io` error record without being read, so a stray disk
    /// image or video in an archive cannot exhaust memory. Example: --max-file-size 1G
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Give up on an input after SECONDS and emit a `timeout` error record (0: never).
    ///
    /// The stuck worker is abandoned and replaced. Example: --timeout-per-file 30
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
    pub timeout_per_file: f64,

    /// When to exit with status 1.
    ///
    /// error: an input became an error record; check: also a failed reconciliation
    /// check; warning: also a warning; never: always 0. Example: --fail-on check
    #[arg(long, value_enum, value_name = "WHEN", default_value = "error")]
    pub fail_on: FailOn,

    /// Write the run's summary as JSON to FILE (counts, errors by kind, throughput).
    ///
    /// Example: --summary run-summary.json
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// No progress bar and no summary on stderr (failed inputs are still named).
    ///
    /// The bar is also off when stderr is not a terminal. Example: declx extract -q archive/
    #[arg(short = 'q', long)]
    pub quiet: bool,

    /// Inputs in flight at most (read, extracted or waiting for an earlier one to be written).
    ///
    /// Bounds memory; default 64 × jobs, at most 1024. Example: --window 16
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub window: Option<u32>,

    /// Force the text encoding instead of detecting it (utf-8, gbk, gb18030, utf-16le, utf-16be, big5).
    ///
    /// Example: --encoding gbk
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,

    /// Password for encrypted PDFs.
    ///
    /// Example: --password s3cret
    #[arg(long)]
    pub password: Option<String>,
}

/// Run `declx extract`; returns the process exit code.
pub fn run(args: &ExtractArgs) -> i32 {
    match Run::new(args) {
        Ok(run) => run.go(),
        Err(msg) => {
            eprintln!("declx: {msg}");
            2
        }
    }
}

/// `--max-file-size`: bytes, or a number with K, M or G (binary: KiB, MiB, GiB; a
/// trailing `B` or `iB` is allowed), e.g. `4096`, `512K`, `256M`, `1.5G`.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, shift) = match body.as_bytes().last() {
        Some(b'k') => (&body[..body.len() - 1], 10),
        Some(b'm') => (&body[..body.len() - 1], 20),
        Some(b'g') => (&body[..body.len() - 1], 30),
        _ => (body, 0),
    };
    let bad = || format!("bad size {s:?} (bytes, or a number with K, M or G)");
    let num = num.trim();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    // Whole bytes: a fraction only makes sense with a unit (`1.5G`).
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if frac.contains('.') || (shift == 0 && !frac.is_empty()) {
        return Err(bad());
    }
    let int: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let whole = int
        .checked_shl(shift)
        .filter(|v| v >> shift == int)
        .ok_or_else(bad)?;
    let mut part = 0u64;
    let mut scale = 1u64;
    for d in frac.bytes().take(9) {
        part = part * 10 + u64::from(d - b'0');
        scale *= 10;
    }
    let size = whole.checked_add((part << shift) / scale).ok_or_else(bad)?;
    if size == 0 {
        return Err(format!("bad size {s:?}: must be more than 0"));
    }
    Ok(size)
}

pub fn is_error(r: &Record) -> bool {
    r.error().is_some()
}

struct Job {
    idx: usize,
    input: Arc<Input>,
}

struct Run {
    spec: Spec,
    settings: Arc<Settings>,
    jobs: usize,
    window: usize,
    budget: Option<Duration>,
    fail_on: FailOn,
    quiet: bool,
    summary_file: Option<PathBuf>,
    shard: Option<Shard>,
}

impl Run {
    /// Everything that can be wrong with the command line is found here (exit 2).
    fn new(args: &ExtractArgs) -> Result<Run, String> {
        let encoding = match args.encoding.as_deref() {
            Some(label) => Some(
                encoding_for_label(label).ok_or_else(|| format!("unknown encoding {label:?}"))?,
            ),
            None => None,
        };
        if args
            .files_from
            .as_deref()
            .is_some_and(|p| p.as_os_str() == "-")
            && args.inputs.iter().any(|p| p.as_os_str() == "-")
        {
            return Err("stdin cannot be both an input and --files-from -".into());
        }
        if !(args.timeout_per_file.is_finite() && args.timeout_per_file >= 0.0) {
            return Err(format!("bad --timeout-per-file {}", args.timeout_per_file));
        }
        if let Some(dir) = &args.output_dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create output directory {}: {e}", dir.display()))?;
        }
        let globs: Vec<Glob> = if args.glob.is_empty() {
            DEFAULT_GLOBS.iter().map(|g| Glob::new(g)).collect()
        } else {
            args.glob.iter().map(|g| Glob::new(g)).collect()
        };
        let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
        // The writer sleeps until the head of the window and half a window behind it are
        // done, so the window sets how often it wakes: 8 × jobs woke it every 4 inputs at
        // `--jobs 1` (10,000 context switches and about a tenth of the CPU time in the
        // kernel on 20,000 files), 64 × jobs every 32 (1,500). A waiting record holds
        // only its JSON, so memory barely moves (peak RSS +0.2 MiB at `--jobs 1`).
        let window = args
            .window
            .map(|w| w as usize)
            .unwrap_or((64 * jobs).min(1024))
            .max(1);
        Ok(Run {
            spec: Spec {
                args: args.inputs.clone(),
                files_from: args.files_from.clone(),
                globs,
                shard: args.shard,
                track_names: args.output_dir.is_some(),
            },
            settings: Arc::new(Settings {
                opts: Options {
                    encoding,
                    password: args.password.clone(),
                },
                pretty: args.pretty,
                out_dir: args.output_dir.clone(),
                resume: args.resume,
                max_file_size: args.max_file_size,
                hook: TestHook::from_env(),
            }),
            jobs,
            window,
            budget: (args.timeout_per_file > 0.0)
                .then(|| Duration::from_secs_f64(args.timeout_per_file)),
            fail_on: args.fail_on,
            quiet: args.quiet,
            summary_file: args.summary.clone(),
            shard: args.shard,
        })
    }

    fn go(self) -> i32 {
        let start = Instant::now();
        let mut inputs = match Inputs::open(self.spec.clone()) {
            Ok(i) => i,
            Err(msg) => {
                eprintln!("declx: {msg}");
                return 2;
            }
        };
        let mut progress = Progress::new(!self.quiet);
        if let Some(bar) = progress.handle() {
            if Inputs::recountable(&self.spec) {
                let spec = self.spec.clone();
                // Count in the background so the bar has a total; the walk is cheap next
                // to reading the files.
                std::thread::spawn(move || {
                    if let Ok(i) = Inputs::open(spec) {
                        bar.set_length(i.count() as u64);
                    }
                });
            }
        }
        let mut summary = Summary {
            jobs: self.jobs,
            shard: self.shard.map(|s| s.to_string()),
            ..Summary::default()
        };
        let stdout = io::stdout();
        // Small: a batch of records larger than this goes from the records' own buffers to
        // stdout in one writev (see `write_records`); only short ones are copied here.
        let mut out = BufWriter::with_capacity(1 << 13, stdout.lock());
        let mut ready: Vec<Outcome> = Vec::new();
        let mut pool = Pool::new(self.window, Arc::clone(&self.settings));
        if let Err(e) = pool.add_workers(self.jobs) {
            eprintln!("declx: cannot start worker threads: {e}");
            return 2;
        }

        let mut inflight: VecDeque<(Arc<Input>, Option<Outcome>)> = VecDeque::new();
        let mut fresh: Vec<Job> = Vec::new();
        let mut base = 0usize; // index of inflight[0]
        let mut more = true;
        let mut output_failed: Option<String> = None;
        let mut last_watch = Instant::now();
        while output_failed.is_none() {
            while more && inflight.len() < self.window {
                match inputs.next() {
                    Some(input) => {
                        let idx = base + inflight.len();
                        let input = Arc::new(input);
                        fresh.push(Job {
                            idx,
                            input: Arc::clone(&input),
                        });
                        inflight.push_back((input, None));
                    }
                    None => more = false,
                }
            }
            if !fresh.is_empty() {
                // The whole refill under one lock, one wake-up per idle worker at most.
                pool.jobs.push_all(&mut fresh);
                progress.submitted((base + inflight.len()) as u64);
            }
            // Write whatever is ready at the head of the window, in input order.
            while inflight.front().is_some_and(|(_, o)| o.is_some()) {
                let Some((_, Some(o))) = inflight.pop_front() else {
                    break;
                };
                base += 1;
                ready.push(o);
            }
            // Records up to the next failed input's message go out together; the message
            // follows what is written before it (stdout and stderr in step for 2>&1).
            let mut from = 0;
            for i in 0..=ready.len() {
                let msg = ready.get(i).and_then(|o| o.message.as_deref());
                if i < ready.len() && msg.is_none() {
                    continue;
                }
                if let Err(e) = write_records(&mut out, ready.get(from..i).unwrap_or(&[])) {
                    output_failed = Some(e.to_string());
                }
                from = i;
                if let Some(msg) = msg {
                    let _ = out.flush();
                    progress.line(msg);
                }
            }
            for o in ready.drain(..) {
                summary.add(&o.stats);
                progress.record(
                    o.stats.bytes,
                    o.stats.error_kind.is_some() || o.stats.write_failed,
                );
            }
            if inflight.is_empty() && !more {
                break;
            }
            if inflight.front().is_some_and(|(_, o)| o.is_none()) {
                // About to wait: let what is written so far reach the reader.
                if let Err(e) = out.flush() {
                    output_failed = Some(e.to_string());
                }
                // Sleep until the head is done and a batch has built up behind it: one
                // wake-up per batch instead of two thread hand-offs per input.
                let head_pending = inflight.iter().filter(|(_, o)| o.is_none()).count();
                let batch = head_pending.min(self.window.div_ceil(2)).max(1);
                let (done, alive) = pool.done.wait(base, batch, Duration::from_millis(100));
                for (idx, o) in done {
                    place(&mut inflight, base, idx, o);
                }
                if alive == 0 && inflight.front().is_some_and(|(_, o)| o.is_none()) {
                    output_failed = Some("worker threads ended unexpectedly".into());
                }
            }
            if let Some(budget) = self.budget {
                if last_watch.elapsed() >= Duration::from_millis(50) {
                    last_watch = Instant::now();
                    for (i, (input, o)) in inflight.iter_mut().enumerate() {
                        if o.is_some() {
                            continue;
                        }
                        let idx = base + i;
                        if let Some(bytes) = pool.slot(idx).expire(idx, budget) {
                            *o = Some(work::timeout_outcome(input, bytes, budget, &self.settings));
                            // The stuck thread is abandoned (it exits if it ever returns);
                            // a fresh one keeps the pool at --jobs.
                            if let Err(e) = pool.add_workers(1) {
                                output_failed = Some(format!("cannot replace a stuck worker: {e}"));
                            }
                        }
                    }
                }
            }
        }
        let _ = out.flush();
        drop(out);
        progress.finish();
        if let Some(msg) = &inputs.fatal {
            eprintln!("declx: {msg}");
            return 2;
        }
        summary.finish(start.elapsed().as_secs_f64());
        let mut code = exit_code(&summary, self.fail_on);
        if let Some(e) = &output_failed {
            eprintln!("declx: stopped: cannot write records to stdout: {e}");
            code = 1;
        }
        summary.exit_code = code;
        if summary.files == 0 && output_failed.is_none() {
            eprintln!("declx: no input files (check the paths, --glob and --shard)");
        }
        if !self.quiet {
            eprintln!("{}", summary.text());
        }
        if let Some(path) = &self.summary_file {
            let json = serde_json::to_string_pretty(&summary).unwrap_or_default();
            if let Err(e) = std::fs::write(path, json + "\n") {
                eprintln!("declx: cannot write --summary {}: {e}", path.display());
                return code.max(1);
            }
        }
        code
    }
}

/// The records' JSON lines, in order, by vectored writes: the JSON stays in the buffers
/// the workers wrote it to (copying it through the `BufWriter` was 1.2 % of a text
/// batch's instructions).
fn write_records(out: &mut impl Write, records: &[Outcome]) -> io::Result<()> {
    let mut slices: Vec<IoSlice<'_>> = Vec::with_capacity(records.len() * 2);
    for json in records.iter().filter_map(|o| o.json.as_deref()) {
        slices.push(IoSlice::new(json));
        slices.push(IoSlice::new(b"\n"));
    }
    let mut bufs = &mut slices[..];
    while !bufs.is_empty() {
        match out.write_vectored(bufs) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn place(
    inflight: &mut VecDeque<(Arc<Input>, Option<Outcome>)>,
    base: usize,
    idx: usize,
    o: Outcome,
) {
    // Results for inputs already written (given up on by the watchdog) are dropped.
    if let Some(entry) = idx.checked_sub(base).and_then(|i| inflight.get_mut(i)) {
        if entry.1.is_none() {
            entry.1 = Some(o);
        }
    }
}

fn exit_code(s: &Summary, fail_on: FailOn) -> i32 {
    let errors = s.errors > 0;
    let checks = errors || s.checks_failed > 0;
    let warnings = checks || s.warnings > 0;
    let failed = match fail_on {
        FailOn::Error => errors,
        FailOn::Check => checks,
        FailOn::Warning => warnings,
        FailOn::Never => false,
    };
    // Records that could not be written are never a success.
    i32::from(failed || s.write_failures > 0)
}

/// Worker threads on local rayon pools, pulling jobs from one queue. A worker is a
/// long-running task rather than one task per input so that an input stuck past its time
/// budget holds only its own thread, never queued work; a replacement pool of one thread
/// takes its place.
struct Pool {
    jobs: Arc<Jobs>,
    done: Arc<Done>,
    slots: Arc<Vec<Slot>>,
    settings: Arc<Settings>,
    pools: Vec<rayon::ThreadPool>,
    threads: usize,
}

impl Pool {
    fn new(window: usize, settings: Arc<Settings>) -> Pool {
        Pool {
            jobs: Arc::new(Jobs::default()),
            done: Arc::new(Done::default()),
            slots: Arc::new((0..window).map(|_| Slot::default()).collect()),
            settings,
            pools: Vec::new(),
            threads: 0,
        }
    }

    fn slot(&self, idx: usize) -> &Slot {
        &self.slots[idx % self.slots.len()]
    }

    fn add_workers(&mut self, n: usize) -> Result<(), String> {
        let first = self.threads;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(move |i| format!("declx-worker-{}", first + i))
            .panic_handler(|_| {})
            .build()
            .map_err(|e| e.to_string())?;
        self.done.lock().alive += n;
        for _ in 0..n {
            let jobs = Arc::clone(&self.jobs);
            let tx = Arc::clone(&self.done);
            let slots = Arc::clone(&self.slots);
            let settings = Arc::clone(&self.settings);
            pool.spawn(move || worker_loop(&jobs, &tx, &slots, &settings));
        }
        self.threads += n;
        self.pools.push(pool);
        Ok(())
    }
}

impl Drop for Pool {
    /// Idle workers leave their loop; busy ones after their input.
    fn drop(&mut self) {
        self.jobs.close();
    }
}

fn worker_loop(jobs: &Jobs, done: &Done, slots: &[Slot], settings: &Settings) {
    let _alive = Alive(done);
    while let Some(job) = jobs.next() {
        let slot = &slots[job.idx % slots.len()];
        slot.start(job.idx);
        let outcome = work::process(&job.input, job.idx, slot, settings);
        if !slot.finish(job.idx) {
            return; // given up on by the watchdog; a replacement worker took this place
        }
        done.push(job.idx, outcome);
    }
}

/// Inputs on their way from the writer to the workers.
///
/// An mpsc channel woke a blocked worker for every job sent, one at a time as the
/// writer refilled its window. Here the writer queues a whole refill under one lock and
/// wakes at most one idle worker per new job; a busy worker takes the next job without a
/// wake-up, and waits only when the queue is empty.
#[derive(Default)]
struct Jobs {
    state: Mutex<JobsState>,
    ready: Condvar,
}

#[derive(Default)]
struct JobsState {
    queue: VecDeque<Job>,
    /// Workers waiting for a job.
    idle: usize,
    /// No more jobs will come: workers leave when the queue is empty.
    closed: bool,
}

impl Jobs {
    fn lock(&self) -> MutexGuard<'_, JobsState> {
        // Only plain data is behind the lock; a panic while holding it left it consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queue every job in `fresh` (leaving it empty).
    fn push_all(&self, fresh: &mut Vec<Job>) {
        let n = fresh.len();
        let mut s = self.lock();
        s.queue.extend(fresh.drain(..));
        // A worker woken but not yet running still counts as idle: one notification too
        // many at worst, and a worker only waits when it has found the queue empty.
        let wake = s.idle.min(n);
        drop(s);
        for _ in 0..wake {
            self.ready.notify_one();
        }
    }

    /// The next job; `None` once the queue is closed and empty.
    fn next(&self) -> Option<Job> {
        let mut s = self.lock();
        loop {
            if let Some(job) = s.queue.pop_front() {
                return Some(job);
            }
            if s.closed {
                return None;
            }
            s.idle += 1;
            s = self.ready.wait(s).unwrap_or_else(|p| p.into_inner());
            s.idle -= 1;
        }
    }

    fn close(&self) {
        let mut s = self.lock();
        s.closed = true;
        s.queue.clear();
        drop(s);
        self.ready.notify_all();
    }
}

/// Finished inputs on their way from the workers to the ordered writer.
///
/// A channel woke the writer for every input and the writer woke a worker for every
/// job: two thread hand-offs per input, about a tenth of a batch run's CPU time in the
/// kernel. Here the writer says what it is waiting for (the head of its window plus a
/// batch behind it) and workers wake it only when that is there.
#[derive(Default)]
struct Done {
    state: Mutex<DoneState>,
    wake: Condvar,
}

#[derive(Default)]
struct DoneState {
    finished: Vec<(usize, Outcome)>,
    /// What the sleeping writer waits for: this index, and this many results in all.
    waiting_for: Option<(usize, usize)>,
    head_done: bool,
    /// Worker threads still in their loop.
    alive: usize,
}

/// Counts a worker thread as alive (from before it is spawned, see `Pool::add_workers`)
/// until it leaves its loop, even by a panic.
struct Alive<'a>(&'a Done);

impl Drop for Alive<'_> {
    fn drop(&mut self) {
        self.0.lock().alive -= 1;
        self.0.wake.notify_all();
    }
}

impl Done {
    fn lock(&self) -> MutexGuard<'_, DoneState> {
        // Only plain data is behind the lock; a panic while holding it left it consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn push(&self, idx: usize, outcome: Outcome) {
        let mut s = self.lock();
        s.finished.push((idx, outcome));
        if let Some((head, want)) = s.waiting_for {
            s.head_done |= idx == head;
            if s.head_done && s.finished.len() >= want {
                s.waiting_for = None;
                drop(s);
                self.wake.notify_one();
            }
        }
    }

    /// Wait (at most `timeout`) until input `head` is done and at least `want` results
    /// are ready, then take all ready results; also returns the live worker count.
    fn wait(&self, head: usize, want: usize, timeout: Duration) -> (Vec<(usize, Outcome)>, usize) {
        let mut s = self.lock();
        let ready =
            |s: &DoneState| s.finished.len() >= want && s.finished.iter().any(|(i, _)| *i == head);
        if !ready(&s) && s.alive > 0 {
            s.head_done = s.finished.iter().any(|(i, _)| *i == head);
            s.waiting_for = Some((head, want));
            let deadline = Instant::now() + timeout;
            while s.waiting_for.is_some() && s.alive > 0 {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                s = match self.wake.wait_timeout(s, left) {
                    Ok((g, _)) => g,
                    Err(p) => p.into_inner().0,
                };
            }
            s.waiting_for = None;
        }
        (std::mem::take(&mut s.finished), s.alive)
    }
}

#[cfg(test)]
mod tests {
    use super::summary::Stats;
    use super::*;

    fn summary(stats: &[Stats]) -> Summary {
        let mut s = Summary::default();
        for st in stats {
            s.add(st);
        }
        s
    }

    /// A writer taking at most a few bytes per call, sometimes interrupted: what a pipe
    /// or a slow reader does to a vectored write.
    struct Trickle {
        got: Vec<u8>,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(5);
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn sizes() {
        let ok = [
            ("1", 1),
            ("4096", 4096),
            ("512K", 512 << 10),
            ("512k", 512 << 10),
            ("512KB", 512 << 10),
            ("512KiB", 512 << 10),
            ("256M", 256 << 20),
            ("256MiB", 256 << 20),
            ("256mb", 256 << 20),
            (" 1G ", 1 << 30),
            ("1.5G", 3 << 29),
            ("0.5M", 1 << 19),
            (".5K", 512),
        ];
        for (s, want) in ok {
            assert_eq!(parse_size(s), Ok(want), "{s}");
        }
        for s in [
            "",
            "K",
            "0",
            "0K",
            "-1",
            "1.5",
            "1..5G",
            "1T",
            "abc",
            "1 000",
            "1e6",
            "99999999999999999999",
            "17179869184G",
        ] {
            assert!(parse_size(s).is_err(), "{s:?} should be refused");
        }
    }

    #[test]
    fn records_are_written_whole_through_partial_writes() {
        let rec = |json: Option<&str>| Outcome {
            json: json.map(|j| j.as_bytes().to_vec()),
            ..Outcome::default()
        };
        let records = [
            rec(Some("{\"a\":1}")),
            rec(None), // -o DIR mode: nothing for stdout
            rec(Some("{}")),
            rec(Some("{\"部门\":\"科技局\"}")),
        ];
        let mut w = Trickle {
            got: Vec::new(),
            calls: 0,
        };
        write_records(&mut w, &records).unwrap();
        assert_eq!(
            String::from_utf8(w.got).unwrap(),
            "{\"a\":1}\n{}\n{\"部门\":\"科技局\"}\n"
        );
    }

    #[test]
    fn done_queue_wakes_for_the_head_and_a_batch() {
        let done = Arc::new(Done::default());
        done.lock().alive = 1;
        let short = Duration::from_millis(20);
        // Nothing done: the wait times out empty.
        let (got, alive) = done.wait(0, 1, short);
        assert!(got.is_empty());
        assert_eq!(alive, 1);
        // Results behind the head do not end the wait; they come back when it times out.
        done.push(2, Outcome::default());
        done.push(1, Outcome::default());
        let (got, _) = done.wait(0, 1, short);
        assert_eq!(got.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![2, 1]);
        // A worker finishing the head and enough behind it wakes the writer early.
        let worker = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                done.push(4, Outcome::default());
                done.push(3, Outcome::default());
            })
        };
        let t = Instant::now();
        let (got, _) = done.wait(3, 2, Duration::from_secs(30));
        assert!(t.elapsed() < Duration::from_secs(10));
        assert_eq!(got.len(), 2);
        let _ = worker.join();
        // A worker leaving its loop ends the wait and reports no worker left.
        let worker = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || drop(Alive(&done)))
        };
        let (_, alive) = done.wait(5, 1, Duration::from_secs(30));
        let _ = worker.join();
        assert_eq!(alive, 0);
    }

    #[test]
    fn job_queue_hands_out_every_job_once_and_closes() {
        let jobs = Arc::new(Jobs::default());
        let input = |i: usize| {
            Arc::new(Input {
                path: PathBuf::from(format!("{i}.txt")),
                shown: format!("{i}.txt"),
                out_rel: PathBuf::new(),
                walk_error: None,
            })
        };
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let jobs = Arc::clone(&jobs);
                std::thread::spawn(move || {
                    let mut got = Vec::new();
                    while let Some(job) = jobs.next() {
                        got.push(job.idx);
                    }
                    got
                })
            })
            .collect();
        for round in 0..50 {
            let mut fresh: Vec<Job> = (0..(round % 7))
                .map(|k| {
                    let idx = round * 10 + k;
                    Job {
                        idx,
                        input: input(idx),
                    }
                })
                .collect();
            jobs.push_all(&mut fresh);
            assert!(fresh.is_empty());
            if round % 5 == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        // Let the workers drain the queue, then close it: each leaves its loop.
        let t = Instant::now();
        while !jobs.lock().queue.is_empty() && t.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(1));
        }
        jobs.close();
        let mut all: Vec<usize> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        all.sort_unstable();
        let want: Vec<usize> = (0..50)
            .flat_map(|round| (0..(round % 7)).map(move |k| round * 10 + k))
            .collect();
        assert_eq!(all, want);
    }

    #[test]
    fn fail_on_levels_are_cumulative() {
        let warned = Stats {
            warnings: 2,
            ..Stats::default()
        };
        let checked = Stats {
            failed_checks: 1,
            ..Stats::default()
        };
        let errored = Stats {
            error_kind: Some("empty".into()),
            ..Stats::default()
        };
        let table = [
            (vec![Stats::default()], [0, 0, 0, 0]),
            (vec![warned.clone()], [0, 0, 1, 0]),
            (vec![checked.clone()], [0, 1, 1, 0]),
            (vec![errored.clone()], [1, 1, 1, 0]),
        ];
        for (stats, want) in table {
            let s = summary(&stats);
            let got = [FailOn::Error, FailOn::Check, FailOn::Warning, FailOn::Never]
                .map(|f| exit_code(&s, f));
            assert_eq!(got, want, "{stats:?}");
        }
        let unwritten = Stats {
            write_failed: true,
            ..Stats::default()
        };
        assert_eq!(exit_code(&summary(&[unwritten]), FailOn::Never), 1);
    }

    #[test]
    fn summary_accounts_for_every_input() {
        let s = summary(&[
            Stats::default(),
            Stats {
                skipped: true,
                ..Stats::default()
            },
            Stats {
                error_kind: Some("io".into()),
                ..Stats::default()
            },
            Stats {
                write_failed: true,
                ..Stats::default()
            },
        ]);
        assert_eq!(s.files, 4);
        assert_eq!(s.records + s.write_failures, s.files);
        assert_eq!(s.ok + s.errors, s.records);
        assert_eq!(s.skipped, 1);
        assert_eq!(s.errors_by_kind.get("io"), Some(&1));
    }
}
