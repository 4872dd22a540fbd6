//! Input expansion, lazily: arguments in the order given, directories walked depth-first
//! with each directory's entries sorted by name (which is exactly sorted-path order, as
//! `Path`'s ordering is by component), then `--files-from` lines. Nothing is collected up
//! front, so memory depends on the widest directory, not on the number of files.
//!
//! Each input also gets the relative path of its `-o DIR` output file (see `docs/batch.md`):
//! - a file named directly (argument): `<stem>.json`; when two named files share a stem,
//!   every named file mirrors its path as given instead;
//! - a file found under directory argument `D`: its path relative to `D` (with several
//!   arguments, prefixed by `D` as given, so trees from different roots cannot collide);
//! - a `--files-from` line: the path as listed (root, `.` and `..` made safe);
//! - stdin: `stdin.json`;
//! - two files in one directory with the same stem (`a.txt`, `a.pdf`): `a.txt.json`,
//!   `a.pdf.json`.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

/// One input of the run.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path to read; `-` is stdin.
    pub path: PathBuf,
    /// The path as shown in records and messages (`source.path`).
    pub shown: String,
    /// Where its `-o DIR` output goes, relative to DIR.
    pub out_rel: PathBuf,
    /// The directory walk failed here, or found something that is not a regular file
    /// (a named pipe would block the worker, a device never ends): the input becomes an
    /// `io` error record without being opened.
    pub walk_error: Option<String>,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// A `--glob` pattern. Without `/` it matches the file name; with `/` the path relative to
/// the directory argument. `*` and `?` stay inside one path component, `**` crosses them.
/// Matching ignores ASCII case, as archives mix `.TXT` and `.txt`.
#[derive(Debug, Clone)]
pub struct Glob {
    pattern: Vec<char>,
    whole_path: bool,
}

pub const DEFAULT_GLOBS: &[&str] = &[
    "*.txt", "*.text", "*.tsv", "*.csv", "*.htm", "*.html", "*.pdf",
];

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob {
            pattern: pattern.to_ascii_lowercase().chars().collect(),
            whole_path: pattern.contains('/'),
        }
    }

    pub fn matches(&self, rel: &Path) -> bool {
        let text = if self.whole_path {
            rel.to_string_lossy().replace('\\', "/")
        } else {
            rel.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let text: Vec<char> = text.to_ascii_lowercase().chars().collect();
        glob_match(&self.pattern, &text)
    }
}

fn glob_match(p: &[char], t: &[char]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some('*') if p.get(1) == Some(&'*') => {
            let rest = p[2..].strip_prefix(&['/']).unwrap_or(&p[2..]);
            (0..=t.len()).any(|i| glob_match(rest, &t[i..]) || glob_match(&p[2..], &t[i..]))
        }
        Some('*') => {
            for i in 0..=t.len() {
                if glob_match(&p[1..], &t[i..]) {
                    return true;
                }
                if i < t.len() && t[i] == '/' {
                    return false;
                }
            }
            false
        }
        Some('?') => !t.is_empty() && t[0] != '/' && glob_match(&p[1..], &t[1..]),
        Some(c) => t.first() == Some(c) && glob_match(&p[1..], &t[1..]),
    }
}

/// `--shard K/N`: this run takes the inputs whose path hash falls in share K of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub k: u64,
    pub n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (e.g. 2/8), got {s:?}"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("bad shard number {k:?}"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("bad shard count {n:?}"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("need 1 <= K <= N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl Shard {
    /// FNV-1a 64 of the path as shown: stable across machines, runs and declx versions.
    pub fn hash(path: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    pub fn takes(&self, shown: &str) -> bool {
        Shard::hash(shown) % self.n + 1 == self.k
    }
}

/// What the expansion needs from the command line.
#[derive(Debug, Clone)]
pub struct Spec {
    pub args: Vec<PathBuf>,
    pub files_from: Option<PathBuf>,
    pub globs: Vec<Glob>,
    pub shard: Option<Shard>,
    /// Output names matter (`-o DIR`): remember `--files-from` names to avoid clashes.
    pub track_names: bool,
}

/// Where a walked directory's outputs go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutBase {
    /// Relative to the directory itself (a single directory argument).
    Relative,
    /// Prefixed by the directory's path as given.
    Mirrored,
}

struct Frame {
    dir: PathBuf,
    /// `dir` relative to the walk root.
    rel: PathBuf,
    /// Output prefix for this tree.
    out_prefix: PathBuf,
    entries: std::vec::IntoIter<Entry>,
}

struct Entry {
    name: OsString,
    is_dir: bool,
    /// Not a regular file (after following a link): what it is.
    special: Option<&'static str>,
    /// Another matching file in the same directory has the same stem.
    stem_clash: bool,
}

/// The lazy input sequence.
pub struct Inputs {
    spec: Spec,
    next_arg: usize,
    /// Named files (arguments) mirror their path when their stems are not unique.
    mirror_named: bool,
    named_clash: HashSet<PathBuf>,
    single_arg: bool,
    stack: Vec<Frame>,
    list: Option<Box<dyn BufRead + Send>>,
    /// Output names of `--files-from` entries seen, to catch same-stem neighbours.
    list_outs: HashSet<u64>,
    /// A `--files-from` read error: the run stops and reports it.
    pub fatal: Option<String>,
}

impl Inputs {
    /// Opens `--files-from` (a usage error when it cannot be read).
    pub fn open(spec: Spec) -> Result<Inputs, String> {
        let list: Option<Box<dyn BufRead + Send>> = match &spec.files_from {
            None => None,
            Some(p) if p.as_os_str() == "-" => Some(Box::new(BufReader::new(io::stdin()))),
            Some(p) => {
                let f = fs::File::open(p)
                    .map_err(|e| format!("cannot read --files-from {}: {e}", p.display()))?;
                if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                    return Err(format!(
                        "cannot read --files-from {}: it is a directory",
                        p.display()
                    ));
                }
                Some(Box::new(BufReader::new(f)))
            }
        };
        // Named files: stems must be unique for flat `<stem>.json` names.
        let mut stems: HashMap<OsString, usize> = HashMap::new();
        let mut by_dir_stem: HashMap<(PathBuf, OsString), usize> = HashMap::new();
        for a in &spec.args {
            if a.as_os_str() == "-" || a.is_dir() {
                continue;
            }
            let stem = a.file_stem().unwrap_or(a.as_os_str()).to_os_string();
            *stems.entry(stem.clone()).or_default() += 1;
            let parent = a.parent().unwrap_or(Path::new("")).to_path_buf();
            *by_dir_stem.entry((parent, stem)).or_default() += 1;
        }
        let mirror_named = stems.values().any(|&n| n > 1);
        let named_clash = spec
            .args
            .iter()
            .filter(|a| {
                let stem = a.file_stem().unwrap_or(a.as_os_str()).to_os_string();
                let parent = a.parent().unwrap_or(Path::new("")).to_path_buf();
                by_dir_stem.get(&(parent, stem)).copied().unwrap_or(0) > 1
            })
            .cloned()
            .collect();
        let single_arg = spec.args.len() == 1 && spec.files_from.is_none();
        Ok(Inputs {
            spec,
            next_arg: 0,
            mirror_named,
            named_clash,
            single_arg,
            stack: Vec::new(),
            list,
            list_outs: HashSet::new(),
            fatal: None,
        })
    }

    /// Whether the inputs can be listed a second time (for the progress total).
    pub fn recountable(spec: &Spec) -> bool {
        spec.files_from
            .as_deref()
            .map(|p| p.as_os_str() != "-")
            .unwrap_or(true)
    }

    fn push_dir(&mut self, dir: &Path, out_base: OutBase) -> Option<Input> {
        let out_prefix = match out_base {
            OutBase::Relative => PathBuf::new(),
            OutBase::Mirrored => safe_rel(dir),
        };
        match list_dir(dir, &self.spec.globs, Path::new("")) {
            Ok(entries) => {
                self.stack.push(Frame {
                    dir: dir.to_path_buf(),
                    rel: PathBuf::new(),
                    out_prefix,
                    entries: entries.into_iter(),
                });
                None
            }
            Err(e) => Some(walk_error(dir, &out_prefix, &e)),
        }
    }

    /// The next input from the directory walk, if a walk is under way.
    fn next_walked(&mut self) -> Option<Input> {
        loop {
            let frame = self.stack.last_mut()?;
            let Some(entry) = frame.entries.next() else {
                self.stack.pop();
                continue;
            };
            let path = frame.dir.join(&entry.name);
            let rel = frame.rel.join(&entry.name);
            if entry.is_dir {
                match list_dir(&path, &self.spec.globs, &rel) {
                    Ok(entries) => {
                        let out_prefix = frame.out_prefix.clone();
                        self.stack.push(Frame {
                            dir: path,
                            rel,
                            out_prefix,
                            entries: entries.into_iter(),
                        });
                    }
                    Err(e) => {
                        let out = frame.out_prefix.join(&rel);
                        return Some(walk_error(&path, &out, &e));
                    }
                }
                continue;
            }
            let out_rel = frame
                .out_prefix
                .join(rel.parent().unwrap_or(Path::new("")))
                .join(json_name(&entry.name, entry.stem_clash));
            return Some(Input {
                shown: path.to_string_lossy().into_owned(),
                path,
                out_rel,
                walk_error: entry.special.map(|what| {
                    format!("not a regular file ({what}): a directory walk reads regular files only; name it directly to read it")
                }),
            });
        }
    }

    fn next_unfiltered(&mut self) -> Option<Input> {
        loop {
            if let Some(i) = self.next_walked() {
                return Some(i);
            }
            if self.next_arg < self.spec.args.len() {
                let a = self.spec.args[self.next_arg].clone();
                self.next_arg += 1;
                if a.as_os_str() == "-" {
                    return Some(stdin_input());
                }
                if a.is_dir() {
                    let base = if self.single_arg {
                        OutBase::Relative
                    } else {
                        OutBase::Mirrored
                    };
                    if let Some(err) = self.push_dir(&a, base) {
                        return Some(err);
                    }
                    continue;
                }
                let clash = self.named_clash.contains(&a);
                let out_rel = if self.mirror_named {
                    let mirrored = safe_rel(&a);
                    mirrored
                        .parent()
                        .unwrap_or(Path::new(""))
                        .join(json_name(a.file_name().unwrap_or(a.as_os_str()), clash))
                } else {
                    PathBuf::from(json_name(a.file_name().unwrap_or(a.as_os_str()), clash))
                };
                return Some(Input {
                    shown: a.to_string_lossy().into_owned(),
                    path: a,
                    out_rel,
                    walk_error: None,
                });
            }
            let line = self.next_list_line()?;
            if line.as_os_str() == "-" {
                return Some(stdin_input());
            }
            if line.is_dir() {
                if let Some(err) = self.push_dir(&line, OutBase::Mirrored) {
                    return Some(err);
                }
                continue;
            }
            let mirrored = safe_rel(&line);
            let parent = mirrored.parent().unwrap_or(Path::new("")).to_path_buf();
            let name = line.file_name().unwrap_or(line.as_os_str());
            let mut out_rel = parent.join(json_name(name, false));
            // Same-stem neighbours (`a.txt`, `a.pdf`) cannot be seen ahead in a stream:
            // the later one keeps its extension.
            if self.spec.track_names
                && !self
                    .list_outs
                    .insert(Shard::hash(&out_rel.to_string_lossy()))
            {
                out_rel = parent.join(json_name(name, true));
            }
            return Some(Input {
                shown: line.to_string_lossy().into_owned(),
                path: line,
                out_rel,
                walk_error: None,
            });
        }
    }

    fn next_list_line(&mut self) -> Option<PathBuf> {
        let list = self.list.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match list.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.list = None;
                    return None;
                }
                Ok(_) => {
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue; // blank lines are not inputs
                    }
                    return Some(path_from_bytes(buf));
                }
                Err(e) => {
                    self.fatal = Some(format!("cannot read --files-from: {e}"));
                    self.list = None;
                    return None;
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Input;
    fn next(&mut self) -> Option<Input> {
        loop {
            let input = self.next_unfiltered()?;
            match self.spec.shard {
                Some(s) if !s.takes(&input.shown) => continue,
                _ => return Some(input),
            }
        }
    }
}

#[cfg(unix)]
fn path_from_bytes(buf: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(OsString::from_vec(buf))
}

#[cfg(not(unix))]
fn path_from_bytes(buf: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&buf).into_owned())
}

fn stdin_input() -> Input {
    Input {
        path: PathBuf::from("-"),
        shown: "-".into(),
        out_rel: PathBuf::from("stdin.json"),
        walk_error: None,
    }
}

fn walk_error(dir: &Path, out: &Path, e: &io::Error) -> Input {
    Input {
        path: dir.to_path_buf(),
        shown: dir.to_string_lossy().into_owned(),
        out_rel: out.with_extension("json"),
        walk_error: Some(format!("cannot list directory: {e}")),
    }
}

/// `name.ext` → `name.json`; with `keep_ext`, `name.ext.json`.
fn json_name(name: &OsStr, keep_ext: bool) -> OsString {
    let p = Path::new(name);
    let mut s = if keep_ext {
        name.to_os_string()
    } else {
        p.file_stem().unwrap_or(name).to_os_string()
    };
    s.push(".json");
    s
}

/// A path made safe to put under the output directory: no root, no `.`, `..` → `__`.
fn safe_rel(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => out.push("__"),
            Component::RootDir | Component::Prefix(_) | Component::CurDir => {}
        }
    }
    out
}

/// One directory's entries, sorted by name: sub-directories, and files matching a glob.
/// Symbolic links to files are followed; links to directories are not (no cycles).
fn list_dir(dir: &Path, globs: &[Glob], rel: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let ft = e.file_type()?;
        let name = e.file_name();
        let (is_dir, special) = if ft.is_symlink() {
            match fs::metadata(e.path()) {
                Ok(m) if m.is_dir() => continue,
                Ok(m) => (false, special_kind(&m.file_type())),
                Err(_) => (false, None), // a broken link: an io error record when read
            }
        } else {
            (ft.is_dir(), special_kind(&ft))
        };
        if !is_dir {
            let r = rel.join(&name);
            if !globs.iter().any(|g| g.matches(&r)) {
                continue;
            }
        }
        entries.push(Entry {
            name,
            is_dir,
            special,
            stem_clash: false,
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let mut stems: HashMap<OsString, usize> = HashMap::new();
    for e in entries.iter().filter(|e| !e.is_dir) {
        *stems.entry(stem_of(&e.name)).or_default() += 1;
    }
    for e in entries.iter_mut().filter(|e| !e.is_dir) {
        e.stem_clash = stems.get(&stem_of(&e.name)).copied().unwrap_or(0) > 1;
    }
    Ok(entries)
}

/// What a directory entry is when it is neither a directory nor a regular file.
#[cfg(unix)]
fn special_kind(ft: &fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        Some("a named pipe")
    } else if ft.is_socket() {
        Some("a socket")
    } else if ft.is_char_device() || ft.is_block_device() {
        Some("a device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> Option<&'static str> {
    None
}

fn stem_of(name: &OsStr) -> OsString {
    Path::new(name).file_stem().unwrap_or(name).to_os_string()
}

/// Read an input's bytes (stdin for `-`), at most `max` of them: a larger input is an
/// error, found from the file's size before any byte is read where the size is known.
pub fn read_bytes(input: &Input, max: u64) -> io::Result<Vec<u8>> {
    let too_large = |size: Option<u64>| {
        let size = size.map(|n| format!("{n} bytes, ")).unwrap_or_default();
        io::Error::other(format!(
            "too large: {size}more than --max-file-size ({max} bytes)"
        ))
    };
    let mut buf = Vec::new();
    if input.is_stdin() {
        io::stdin()
            .lock()
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)?;
    } else {
        let file = fs::File::open(&input.path)?;
        let meta = file.metadata()?;
        if meta.is_file() {
            if meta.len() > max {
                return Err(too_large(Some(meta.len())));
            }
            // The size is a hint: the file may grow or shrink while it is read.
            buf.reserve_exact(usize::try_from(meta.len()).unwrap_or(0));
        }
        file.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    }
    if buf.len() as u64 > max {
        return Err(too_large(None));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let g = Glob::new("*.txt");
        assert!(g.matches(Path::new("a/b/x.TXT")));
        assert!(!g.matches(Path::new("a/b/x.txt.bak")));
        let g = Glob::new("2023/*.txt");
        assert!(g.matches(Path::new("2023/x.txt")));
        assert!(!g.matches(Path::new("2023/a/x.txt")));
        let g = Glob::new("**/dept-0?/*.txt");
        assert!(g.matches(Path::new("r/dept-01/x.txt")));
        assert!(g.matches(Path::new("dept-01/x.txt")));
        assert!(!g.matches(Path::new("dept-011/x.txt")));
    }

    #[test]
    fn shards() {
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let s: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for p in ["a.txt", "b/c.txt", "-", ""] {
            assert_eq!(s.iter().filter(|s| s.takes(p)).count(), 1);
        }
    }

    #[test]
    fn names() {
        assert_eq!(json_name(OsStr::new("a.txt"), false), "a.json");
        assert_eq!(json_name(OsStr::new("a.txt"), true), "a.txt.json");
        assert_eq!(
            safe_rel(Path::new("/x/../y/./z.txt")),
            Path::new("x/__/y/z.txt")
        );
    }
}
