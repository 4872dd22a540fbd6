//! Pages per second of PDF table extraction against `pdftotext -layout` (and pdfplumber's
//! `extract_tables`, when Python has it) on the same multi-page files, in the same run.
//!
//!     cargo bench --bench pdf_pages
//!
//! The external tools are optional: without them only declx's figures are printed.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use declx::pdf::{read_pdf, PdfOptions};

const FILES: [&str; 3] = ["seed-lattice.pdf", "seed-stream.pdf", "seed-landscape.pdf"];

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Run `f` repeatedly for about `budget`; seconds per run.
fn time(budget: Duration, mut f: impl FnMut() -> bool) -> Option<f64> {
    if !f() {
        return None;
    }
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < budget || n < 3 {
        if !f() {
            return None;
        }
        n += 1;
    }
    Some(start.elapsed().as_secs_f64() / f64::from(n))
}

fn main() {
    let budget = Duration::from_secs(3);
    println!(
        "{:<20} {:>5} {:>12} {:>14} {:>8} {:>14}",
        "file", "pages", "declx p/s", "pdftotext p/s", "ratio", "pdfplumber p/s"
    );
    for name in FILES {
        let path = fixture(name);
        let bytes = std::fs::read(&path).expect("fixture");
        let pages = read_pdf(&bytes, &PdfOptions::default())
            .ok()
            .and_then(|g| g.pages)
            .unwrap_or(1) as f64;
        let declx =
            time(budget, || read_pdf(&bytes, &PdfOptions::default()).is_ok()).unwrap_or(f64::NAN);
        let pdftotext = time(budget, || {
            Command::new("pdftotext")
                .args(["-layout", &path, "-"])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        // pdfplumber: time inside Python so interpreter start-up is not counted.
        let plumber = Command::new("python3")
            .args([
                "-c",
                "import sys,time,pdfplumber\n\
                 t=time.perf_counter()\n\
                 with pdfplumber.open(sys.argv[1]) as pdf:\n\
                 \x20   n=sum(1 for p in pdf.pages if p.extract_tables() is not None)\n\
                 print(time.perf_counter()-t)",
                &path,
            ])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .trim()
                    .parse::<f64>()
                    .ok()
            });
        let pps = |s: Option<f64>| {
            s.map(|s| format!("{:.1}", pages / s))
                .unwrap_or_else(|| "-".into())
        };
        let ratio = pdftotext
            .map(|p| format!("{:.2}x", p / declx))
            .unwrap_or_else(|| "-".into());
        println!(
            "{:<20} {:>5} {:>12.1} {:>14} {:>8} {:>14}",
            name,
            pages,
            pages / declx,
            pps(pdftotext),
            ratio,
            pps(plumber)
        );
    }
}
