//! The `declx` command: a thin layer over the library.

use clap::{Parser, Subcommand};

// The pipeline allocates many short-lived strings per input (cells, labels, JSON); glibc
// malloc/free was 15 % of a batch run's instructions, mimalloc's thread-local free lists
// cut that (figures in the commit that added it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "declx",
    version,
    about = "Budget performance-target declarations (部门整体预算绩效目标申报表) to JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract declarations to JSON records (JSON Lines on stdout by default).
    ///
    /// Example: declx extract fixtures/guangzhou-science-tech-2023.txt --pretty
    Extract(Box<declx::batch::ExtractArgs>),
    /// Print the JSON Schema of the output records.
    ///
    /// Example: declx schema > declaration.schema.json
    Schema,
    /// Read amounts and thresholds from text (OCR cleaning), one JSON line per text.
    ///
    /// Example: declx value --unit 万元 "16,583.94" "开展项目数量≥800项。"
    Value(declx::value::cli::ValueArgs),
}

fn main() {
    // Panics on worker threads are caught and become `internal` error records (with the
    // panic message); the default hook would also print them and tear the progress bar.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("declx-worker"));
        if !worker {
            default_hook(info);
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match cli.command {
        Command::Extract(args) => declx::batch::run(&args),
        Command::Value(args) => declx::value::cli::run(&args),
        Command::Schema => {
            println!("{}", declx::schema::DECLARATION_SCHEMA);
            0
        }
    };
    std::process::exit(code);
}
