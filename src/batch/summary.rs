//! The end-of-run account: every input is counted once, as a record, a resumed skip or a
//! record that could not be written.

use std::collections::BTreeMap;

use serde::Serialize;

/// What one finished input contributed.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub bytes: u64,
    /// `error.kind` of an error record.
    pub error_kind: Option<String>,
    pub failed_checks: u64,
    pub warnings: u64,
    /// The output already existed with the input's sha256 (`--resume`).
    pub skipped: bool,
    /// The record could not be written (`-o DIR`).
    pub write_failed: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Inputs this run took (after `--shard`).
    pub files: u64,
    /// Records written, or already present and kept by `--resume`.
    pub records: u64,
    pub ok: u64,
    pub errors: u64,
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Failed reconciliation checks, over all records.
    pub checks_failed: u64,
    pub records_with_failed_checks: u64,
    pub warnings: u64,
    pub records_with_warnings: u64,
    /// Inputs skipped by `--resume` (counted in `records` too).
    pub skipped: u64,
    /// Records that could not be written to `-o DIR`.
    pub write_failures: u64,
    pub bytes: u64,
    pub elapsed_seconds: f64,
    pub mb_per_second: f64,
    pub files_per_second: f64,
    pub jobs: usize,
    pub shard: Option<String>,
    /// CPU time of the process, all threads, user + system (Linux; `null` elsewhere).
    pub cpu_seconds: Option<f64>,
    /// Peak resident memory of the process (Linux; `null` elsewhere).
    pub peak_rss_bytes: Option<u64>,
    pub exit_code: i32,
}

impl Summary {
    pub fn add(&mut self, s: &Stats) {
        self.files += 1;
        self.bytes += s.bytes;
        if s.write_failed {
            self.write_failures += 1;
            return;
        }
        self.records += 1;
        self.skipped += u64::from(s.skipped);
        match &s.error_kind {
            Some(k) => {
                self.errors += 1;
                *self.errors_by_kind.entry(k.clone()).or_default() += 1;
            }
            None => self.ok += 1,
        }
        self.checks_failed += s.failed_checks;
        self.records_with_failed_checks += u64::from(s.failed_checks > 0);
        self.warnings += s.warnings;
        self.records_with_warnings += u64::from(s.warnings > 0);
    }

    pub fn finish(&mut self, elapsed: f64) {
        self.elapsed_seconds = elapsed;
        let secs = elapsed.max(1e-9);
        self.mb_per_second = self.bytes as f64 / 1e6 / secs;
        self.files_per_second = self.files as f64 / secs;
        self.peak_rss_bytes = peak_rss_bytes();
        self.cpu_seconds = cpu_seconds();
    }

    /// The human summary for stderr.
    pub fn text(&self) -> String {
        let kinds: Vec<String> = self
            .errors_by_kind
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        let errors = if kinds.is_empty() {
            "0 errors".to_string()
        } else {
            format!("{} errors ({})", self.errors, kinds.join(", "))
        };
        let mut s = format!(
            "declx: {} files, {} records: {} ok, {errors}; {} checks failed in {} records; {} warnings",
            self.files,
            self.records,
            self.ok,
            self.checks_failed,
            self.records_with_failed_checks,
            self.warnings
        );
        if self.skipped > 0 {
            s.push_str(&format!("; {} unchanged (--resume)", self.skipped));
        }
        if self.write_failures > 0 {
            s.push_str(&format!("; {} NOT WRITTEN", self.write_failures));
        }
        s.push_str(&format!(
            "\ndeclx: {:.2} s, {:.1} MB/s, {:.0} files/s, {} jobs",
            self.elapsed_seconds, self.mb_per_second, self.files_per_second, self.jobs
        ));
        s
    }
}

/// `VmHWM` from `/proc/self/status`.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// utime + stime from `/proc/self/stat` (fields 14 and 15, in clock ticks of 1/100 s on
/// Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces: count fields after its closing ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
