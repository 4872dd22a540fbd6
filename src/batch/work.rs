//! One input on a worker thread: read, (resume check), extract, serialise, (write).
//! Serialising and writing happen here, in parallel, so the ordered writer on the main
//! thread only copies finished text.

use std::fs;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::inputs::{read_bytes, Input};
use super::summary::Stats;
use crate::error::Error;
use crate::extract::{extract_bytes, source_without_bytes, Options};
use crate::input::{sha256_hex, sniff};
use crate::record::Record;

/// What the workers need, shared read-only.
pub struct Settings {
    pub opts: Options,
    pub pretty: bool,
    pub out_dir: Option<PathBuf>,
    pub resume: bool,
    /// Inputs larger than this many bytes are `io` error records, never read whole.
    pub max_file_size: u64,
    pub hook: Option<TestHook>,
}

/// A finished input, ready for the ordered writer.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The record's JSON for stdout (none in `-o DIR` mode).
    pub json: Option<Vec<u8>>,
    pub stats: Stats,
    /// The line for stderr when the input failed.
    pub message: Option<String>,
}

/// Per in-flight input: when its worker started on it (for `--timeout-per-file`) and its
/// bytes (so a timeout record can still carry the input's sha256).
#[derive(Default)]
pub struct Slot(Mutex<SlotState>);

#[derive(Default)]
struct SlotState {
    idx: Option<usize>,
    started: Option<Instant>,
    bytes: Option<Arc<Vec<u8>>>,
}

impl Slot {
    fn lock(&self) -> MutexGuard<'_, SlotState> {
        // A worker that panicked while holding the lock left consistent data behind.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn start(&self, idx: usize) {
        *self.lock() = SlotState {
            idx: Some(idx),
            started: Some(Instant::now()),
            bytes: None,
        };
    }

    fn set_bytes(&self, idx: usize, bytes: &Arc<Vec<u8>>) {
        let mut s = self.lock();
        if s.idx == Some(idx) {
            s.bytes = Some(Arc::clone(bytes));
        }
    }

    /// The worker is done with `idx`; false when the watchdog gave up on it meanwhile.
    pub fn finish(&self, idx: usize) -> bool {
        let mut s = self.lock();
        if s.idx == Some(idx) {
            *s = SlotState::default();
            true
        } else {
            false
        }
    }

    /// The watchdog: if `idx` has run longer than `budget`, give up on it and return its
    /// bytes (if read yet).
    pub fn expire(&self, idx: usize, budget: Duration) -> Option<Option<Arc<Vec<u8>>>> {
        let mut s = self.lock();
        match (s.idx, s.started) {
            (Some(i), Some(t)) if i == idx && t.elapsed() > budget => {
                let bytes = s.bytes.take();
                *s = SlotState::default();
                Some(bytes)
            }
            _ => None,
        }
    }
}

/// The record for an input the watchdog gave up on.
pub fn timeout_outcome(
    input: &Input,
    bytes: Option<Arc<Vec<u8>>>,
    budget: Duration,
    cfg: &Settings,
) -> Outcome {
    let mut source = source_without_bytes(&input.shown);
    if let Some(b) = bytes {
        source.sha256 = sha256_hex(&b);
        source.bytes = b.len() as u64;
        if let Ok(f) = sniff(&b) {
            source.format = f;
        }
    }
    let rec = Record::failure(
        source,
        &Error::Timeout {
            seconds: budget.as_secs_f64(),
        },
    );
    deliver(input, &rec, cfg)
}

/// Process one input; never panics (a panic becomes an `internal` error record).
pub fn process(input: &Input, idx: usize, slot: &Slot, cfg: &Settings) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| process_inner(input, idx, slot, cfg))) {
        Ok(o) => o,
        Err(panic) => {
            let message = crate::extract::panic_message(panic.as_ref());
            let rec = Record::failure(
                source_without_bytes(&input.shown),
                &Error::Internal { message },
            );
            deliver(input, &rec, cfg)
        }
    }
}

fn process_inner(input: &Input, idx: usize, slot: &Slot, cfg: &Settings) -> Outcome {
    if let Some(msg) = &input.walk_error {
        let err = Error::Io(io::Error::other(msg.clone()));
        return deliver(
            input,
            &Record::failure(source_without_bytes(&input.shown), &err),
            cfg,
        );
    }
    let bytes = match read_bytes(input, cfg.max_file_size) {
        Ok(b) => Arc::new(b),
        Err(e) => {
            return deliver(
                input,
                &Record::failure(source_without_bytes(&input.shown), &Error::Io(e)),
                cfg,
            )
        }
    };
    slot.set_bytes(idx, &bytes);
    if let Some(hook) = &cfg.hook {
        hook.apply(&input.shown); // stalls/panics as if inside extraction
    }
    if cfg.resume {
        if let Some(dir) = &cfg.out_dir {
            if let Some(o) = unchanged(&dir.join(&input.out_rel), input, &bytes) {
                return o;
            }
        }
    }
    let rec = extract_bytes(&input.shown, &bytes, &cfg.opts);
    deliver(input, &rec, cfg)
}

/// Serialise the record, and in `-o DIR` mode write it.
fn deliver(input: &Input, rec: &Record, cfg: &Settings) -> Outcome {
    let mut text = if cfg.pretty {
        rec.to_json_pretty().into_bytes()
    } else {
        rec.to_json_bytes()
    };
    let stats = Stats {
        bytes: rec.source().bytes,
        error_kind: rec.error().map(|e| e.kind.to_string()),
        failed_checks: rec.failed_checks() as u64,
        warnings: rec.warning_count() as u64,
        skipped: false,
        write_failed: false,
    };
    let message = rec.error().map(|e| format!("declx: {}", e.message));
    match &cfg.out_dir {
        None => Outcome {
            json: Some(text),
            stats,
            message,
        },
        Some(dir) => {
            text.push(b'\n');
            let out = dir.join(&input.out_rel);
            match write_atomic(&out, &text) {
                Ok(()) => Outcome {
                    json: None,
                    stats,
                    message,
                },
                Err(e) => Outcome {
                    json: None,
                    stats: Stats {
                        write_failed: true,
                        ..stats
                    },
                    message: Some(format!(
                        "declx: {}: cannot write {}: {e}",
                        input.shown,
                        out.display()
                    )),
                },
            }
        }
    }
}

static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The last directory this thread made sure exists: consecutive inputs mostly share
    /// a folder, so this saves two syscalls per output file.
    static LAST_DIR: std::cell::RefCell<PathBuf> = const { std::cell::RefCell::new(PathBuf::new()) };
}

fn ensure_dir(dir: &Path) -> io::Result<()> {
    if LAST_DIR.with(|d| d.borrow().as_path() == dir) {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    LAST_DIR.with(|d| *d.borrow_mut() = dir.to_path_buf());
    Ok(())
}

/// Temp file + rename in the same directory: readers and interrupted runs never see a
/// half-written `.json` (a kill leaves at most a hidden `.*.declx-tmp-*` file).
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    ensure_dir(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(
        ".{name}.declx-tmp-{}-{}",
        std::process::id(),
        TMP_SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let mut written = fs::write(&tmp, bytes);
    if matches!(&written, Err(e) if e.kind() == io::ErrorKind::NotFound) {
        // The folder went away since it was cached: make it again, once.
        fs::create_dir_all(parent)?;
        written = fs::write(&tmp, bytes);
    }
    let result = written.and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `--resume`: the existing output stands when it is a record of this very input (same
/// path, same sha256) and not a transient failure (`io`, `timeout`, `internal` are
/// retried). Its counts feed the summary and exit code as if it had just been made.
fn unchanged(out: &Path, input: &Input, bytes: &[u8]) -> Option<Outcome> {
    let existing = fs::read(out).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&existing).ok()?;
    let source = v.get("source")?;
    if source.get("path")?.as_str()? != input.shown {
        return None;
    }
    if source.get("sha256")?.as_str()? != sha256_hex(bytes) {
        return None;
    }
    let error = v.get("error");
    let kind = error
        .and_then(|e| e.get("kind"))
        .and_then(|k| k.as_str())
        .map(str::to_string);
    if matches!(kind.as_deref(), Some("io" | "timeout" | "internal")) {
        return None;
    }
    let count = |key: &str| v.get(key).and_then(|x| x.as_array()).map(Vec::as_slice);
    let failed_checks = count("checks")
        .map(|c| {
            c.iter()
                .filter(|c| c.get("ok").and_then(|o| o.as_bool()) == Some(false))
                .count()
        })
        .unwrap_or(0) as u64;
    let warnings = count("warnings").map(|w| w.len()).unwrap_or(0) as u64;
    let message = error
        .and_then(|e| e.get("message"))
        .and_then(|m| m.as_str())
        .map(|m| format!("declx: {m}"));
    Some(Outcome {
        json: None,
        stats: Stats {
            bytes: bytes.len() as u64,
            error_kind: kind,
            failed_checks,
            warnings,
            skipped: true,
            write_failed: false,
        },
        message,
    })
}

/// TEST ONLY. `DECLX_TEST_HOOK="sleep=MS:SUBSTR;panic=SUBSTR"` makes inputs whose path
/// contains SUBSTR (empty: every input) sleep or panic inside the worker, so tests can
/// exercise the timeout, panic and kill/resume paths with the real binary. Read once per
/// run; without the variable it costs nothing.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct TestHook {
    sleeps: Vec<(u64, String)>,
    panics: Vec<String>,
}

impl TestHook {
    pub fn from_env() -> Option<TestHook> {
        let spec = std::env::var("DECLX_TEST_HOOK").ok()?;
        let mut hook = TestHook::default();
        for part in spec.split(';') {
            if let Some(rest) = part.strip_prefix("sleep=") {
                if let Some((ms, sub)) = rest.split_once(':') {
                    if let Ok(ms) = ms.parse() {
                        hook.sleeps.push((ms, sub.to_string()));
                    }
                }
            } else if let Some(sub) = part.strip_prefix("panic=") {
                hook.panics.push(sub.to_string());
            }
        }
        Some(hook)
    }

    fn apply(&self, shown: &str) {
        for (ms, sub) in &self.sleeps {
            if shown.contains(sub.as_str()) {
                std::thread::sleep(Duration::from_millis(*ms));
            }
        }
        if self.panics.iter().any(|s| shown.contains(s.as_str())) {
            panic!("DECLX_TEST_HOOK panic for {shown}");
        }
    }
}
