//! The `declx` command: a thin layer over the library.

use clap::{Parser, Subcommand};

// The pipeline allocates many short-lived strings per input (cells, labels, JSON); glibc
// malloc/free was 15 % of a batch run's instructions, mimalloc's thread-local free lists
// cut that (figures in the commit that added it).
#[global_allocator]
static GLOBAL: Mi = Mi;

/// mimalloc through its plain entry points. `mimalloc::MiMalloc` calls the aligned ones
/// for every allocation, whose alignment handling costs about twenty instructions a
/// call; nearly every allocation here (strings, vectors of cells) asks for alignment 8
/// or less, which every mimalloc block has (block sizes are whole words).
struct Mi;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each call goes to mimalloc with the layout's size, and to its aligned entry
// point whenever the layout asks for more than the word alignment all blocks have;
// `dealloc` and `realloc` only get pointers this allocator returned.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

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
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{}", declx::schema::DECLARATION_SCHEMA).and_then(|()| out.flush())
            {
                Ok(()) => 0,
                // `declx schema | head` closing the pipe is a normal way to stop.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("declx schema: {e}");
                    1
                }
            }
        }
    };
    std::process::exit(code);
}
