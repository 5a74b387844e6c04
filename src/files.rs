//! Never destroying the user's files: an output that is one of the command's inputs (or
//! another of its outputs) is refused before anything is read, and the temporary `.part` files
//! of atomic outputs are removed on Ctrl-C / SIGTERM / SIGHUP and, when a run died without
//! removing its own, by the next run that writes into the same folder.
//!
//! Two paths name the same file when they resolve to the same device and inode (a hard link,
//! a symbolic link, `./x.wav` beside `x.wav`) or, for an output that does not exist yet, when
//! its canonical folder and file name equal an input's.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Result, bail};

/// A file the command reads or writes, with the option (or argument) that named it.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// `--in`, `--out`, `MATCH_AUDIO`, ...
    pub what: &'a str,
    pub path: &'a Path,
}

/// `what path`.
pub fn named<'a>(what: &'a str, path: &'a Path) -> Named<'a> {
    Named { what, path }
}

/// The given ones of optional files; a `--preset` counts only when it names a file.
pub fn given<'a>(list: &[(&'a str, Option<&'a Path>)]) -> Vec<Named<'a>> {
    list.iter().filter_map(|&(what, p)| p.filter(|p| what != "--preset" || p.is_file()).map(|path| Named { what, path })).collect()
}

/// The canonical form of `p`: the file's own when it exists (links resolved), else its
/// canonical folder joined with its name.
fn canonical(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let name = p.file_name()?;
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).ok().map(|d| d.join(name))
}

/// Whether `a` and `b` are the same file: same device and inode when both exist (hard and
/// symbolic links included), else the same canonical path.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    matches!((canonical(a), canonical(b)), (Some(x), Some(y)) if x == y)
}

/// Refuses when an output names the same file as an input or as another output.
///
/// # Errors
/// `--out x.wav is the same file as --in y.wav: ...` with what to do.
pub fn refuse_clobber(outputs: &[Named], inputs: &[Named]) -> Result<()> {
    for (i, out) in outputs.iter().enumerate() {
        for input in inputs {
            if same_file(out.path, input.path) {
                bail!(
                    "{} {} is the same file as {} {}: writing it would destroy the input; choose another output file",
                    out.what,
                    out.path.display(),
                    input.what,
                    input.path.display()
                );
            }
        }
        for other in &outputs[i + 1..] {
            if same_file(out.path, other.path) {
                bail!(
                    "{} {} and {} {} are the same file: one would overwrite the other; give them different names",
                    out.what,
                    out.path.display(),
                    other.what,
                    other.path.display()
                );
            }
        }
    }
    Ok(())
}

/// The prefix of this process's temporary outputs: `.resonance-<pid>-`, so a later run can tell
/// whether the process that made one is still alive.
pub fn part_prefix() -> String {
    format!(".resonance-{}-", std::process::id())
}

/// The suffix of temporary WAV outputs.
pub const PART_SUFFIX: &str = ".wav.part";

/// Temporary files of this process, removed when a signal stops it.
static PARTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remembers a temporary file to remove if a signal stops the process.
pub fn register_part(p: &Path) {
    if let Ok(mut v) = PARTS.lock() {
        v.push(p.to_path_buf());
    }
}

/// Runs `f` (which moves or deletes the temporary file `p`) with the signal handler held off,
/// then forgets `p`: a signal never removes a file that is being renamed into place.
pub fn settle_part<T>(p: &Path, f: impl FnOnce() -> T) -> T {
    let mut guard = PARTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let r = f();
    guard.retain(|q| q != p);
    r
}

/// Removes every registered temporary file; called from the signal handler.
fn remove_parts() {
    let guard = PARTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for p in guard.iter() {
        let _ = std::fs::remove_file(p);
    }
    // the guard is held until the process exits: no new part is registered or persisted
    std::mem::forget(guard);
}

/// Installs the handler of offline commands (render, highlight, demo, analyze, index):
/// Ctrl-C, SIGTERM or SIGHUP removes this run's temporary files and exits (status 130, as a
/// shell reports an interrupted command).
pub fn remove_parts_on_signal() {
    let _ = ctrlc::set_handler(|| {
        remove_parts();
        eprintln!("interrupted: no output written");
        std::process::exit(130);
    });
}

/// Removes `.resonance-<pid>-*.wav.part` files in `dir` whose process no longer exists (a run
/// killed with SIGKILL, or a crash). Files of running processes, and names of any other shape,
/// are left alone. Returns how many were removed.
pub fn sweep_stale_parts(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = stale_pid(name) else { continue };
        if pid != std::process::id() && !process_alive(pid) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The pid in `.resonance-<pid>-XXXX.wav.part`.
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".resonance-")?.strip_suffix(PART_SUFFIX)?;
    let (pid, tail) = rest.split_once('-')?;
    (!tail.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether process `pid` exists (Linux: `/proc/<pid>`; elsewhere assumed alive, so nothing is
/// removed).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_spellings_of_one_file_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.wav");
        std::fs::write(&a, b"x").unwrap();
        let hard = dir.path().join("hard.wav");
        std::fs::hard_link(&a, &hard).unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let dotted = sub.join("../a.wav");
        assert!(same_file(&a, &hard) && same_file(&a, &dotted));
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.wav");
            std::os::unix::fs::symlink(&a, &soft).unwrap();
            assert!(same_file(&soft, &a));
        }
        let new = dir.path().join("new.wav");
        assert!(!same_file(&a, &new));
        assert!(same_file(&new, &sub.join("../new.wav")), "an output that does not exist yet, spelt two ways");
        let e = refuse_clobber(&[named("--out", &hard)], &[named("--in", &a)]).unwrap_err().to_string();
        assert!(e.contains("--out") && e.contains("--in") && e.contains("destroy"), "{e}");
        assert!(refuse_clobber(&[named("--out", &new), named("--plot", &dotted)], &[]).is_ok());
        assert!(refuse_clobber(&[named("--out", &new), named("--plot", &sub.join("../new.wav"))], &[]).is_err());
    }

    #[test]
    fn only_parts_of_dead_processes_are_swept() {
        assert_eq!(stale_pid(".resonance-123-abcd.wav.part"), Some(123));
        assert_eq!(stale_pid(".resonance-abcd.wav.part"), None);
        assert_eq!(stale_pid(".resonance-123-.wav.part"), None);
        assert_eq!(stale_pid("take.wav"), None);
        let dir = tempfile::tempdir().unwrap();
        // pid_max on Linux is at most 4194304: this pid never exists
        let dead = dir.path().join(".resonance-4294967-x1.wav.part");
        let mine = dir.path().join(format!("{}x2.wav.part", part_prefix()));
        let other = dir.path().join(".resonance-x3.wav.part");
        for p in [&dead, &mine, &other] {
            std::fs::write(p, b"").unwrap();
        }
        let expected = usize::from(cfg!(target_os = "linux"));
        assert_eq!(sweep_stale_parts(dir.path()), expected);
        assert_eq!(dead.exists(), expected == 0);
        assert!(mine.exists() && other.exists());
    }
}
