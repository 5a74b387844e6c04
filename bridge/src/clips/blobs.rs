//! Content-addressed clip files: `DIR/clips/blobs/<sha[0..2]>/<sha>` where `sha` is the file's
//! SHA-256 (so the same file is stored once, and a blob's name says what it holds), and
//! temporaries `DIR/clips/tmp/.resonance-<pid>-<n>.<ext>.part` on the same file system (so
//! placing one is a `rename`).
//!
//! A temporary is removed when its [`TempBlob`] is dropped unless it was placed: a failed or
//! refused upload leaves no file. A crash can leave a temporary (of a process that is gone)
//! or a blob no row names (between the rename and the insert): [`BlobStore::sweep`] removes
//! both when the bridge starts.
//!
//! A full disk (`ENOSPC`) answers 507 `storage_full`, a read-only or unwritable data
//! directory 503 `storage_read_only`, each naming the path.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use axum::http::StatusCode;

use crate::error::AppError;

/// Where the clip files live.
#[derive(Clone, Debug)]
pub struct BlobStore {
    root: PathBuf,
}

static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// The answer for a failed write to `path`.
pub fn write_error(path: &Path, e: &std::io::Error) -> AppError {
    let shown = path.display();
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => AppError::Rejected {
            status: StatusCode::INSUFFICIENT_STORAGE,
            reason: "storage_full",
            message: format!("the data directory is full ({shown}: {e}); free space or move --data, then retry"),
        },
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => AppError::Rejected {
            status: StatusCode::SERVICE_UNAVAILABLE,
            reason: "storage_read_only",
            message: format!("the data directory cannot be written ({shown}: {e}); make it writable for the bridge, then retry"),
        },
        _ => AppError::Internal(format!("cannot write {shown} ({e}); check the data directory")),
    }
}

/// Whether `s` is a blob name: 64 lowercase hex digits.
pub fn is_sha(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl BlobStore {
    /// The store under `root` (`DIR/clips`); folders are made on first use.
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// `DIR/clips`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The path of blob `sha` (built from the hex name only, never from request text).
    ///
    /// # Panics
    /// Never for a name [`is_sha`] accepts; other names are refused with a path that cannot exist.
    pub fn path(&self, sha: &str) -> PathBuf {
        if !is_sha(sha) {
            return self.root.join("blobs").join("invalid-name");
        }
        self.root.join("blobs").join(&sha[..2]).join(sha)
    }

    /// A new empty temporary file named with `ext` (the decoder's hint).
    ///
    /// # Errors
    /// 507/503/500 as the module docs say, when it cannot be made.
    pub fn temp(&self, ext: &str) -> Result<TempBlob, AppError> {
        let dir = self.tmp_dir();
        std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, &e))?;
        let ext: String = ext.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
        let ext = if ext.is_empty() { "bin".to_string() } else { ext.to_ascii_lowercase() };
        let n = TEMP_SEQ.fetch_add(1, Relaxed);
        let path = dir.join(format!(".resonance-{}-{n}.{ext}.part", std::process::id()));
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| write_error(&path, &e))?;
        Ok(TempBlob { path, placed: false })
    }

    /// Moves `temp` to blob `sha` (kept as it is when the blob already exists: same content).
    ///
    /// # Errors
    /// 507/503/500 as the module docs say; the temporary is removed then.
    pub fn place(&self, mut temp: TempBlob, sha: &str) -> Result<(), AppError> {
        let dest = self.path(sha);
        let shard = dest.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&shard).map_err(|e| write_error(&shard, &e))?;
        if !dest.exists() {
            std::fs::rename(&temp.path, &dest).map_err(|e| write_error(&dest, &e))?;
            if let Ok(d) = std::fs::File::open(&shard) {
                let _ = d.sync_all();
            }
        }
        temp.placed = dest.exists();
        if temp.placed {
            let _ = std::fs::remove_file(&temp.path);
        }
        Ok(())
    }

    /// Removes blob `sha` (no error when it is already gone).
    pub fn remove(&self, sha: &str) {
        if is_sha(sha) {
            let _ = std::fs::remove_file(self.path(sha));
        }
    }

    /// Removes temporaries of processes that are gone (or of this one from before a restart
    /// in the same pid: none can be open at start) and blobs none of `referenced` names.
    /// Returns (temporaries, blobs) removed.
    pub fn sweep(&self, referenced: &HashSet<String>) -> (usize, usize) {
        let mut temps = 0;
        if let Ok(rd) = std::fs::read_dir(self.tmp_dir()) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                // only this module's temporaries: `.resonance-<pid>-<n>.<ext>.part`
                let Some(rest) = name.strip_prefix(".resonance-").filter(|_| Path::new(&name).extension().is_some_and(|e| e == "part"))
                else {
                    continue;
                };
                let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
                let alive = pid.is_some_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists());
                if !alive && std::fs::remove_file(e.path()).is_ok() {
                    temps += 1;
                }
            }
        }
        let mut blobs = 0;
        if let Ok(shards) = std::fs::read_dir(self.root.join("blobs")) {
            for shard in shards.flatten() {
                let Ok(files) = std::fs::read_dir(shard.path()) else { continue };
                for f in files.flatten() {
                    let name = f.file_name().to_string_lossy().into_owned();
                    if is_sha(&name) && !referenced.contains(&name) && std::fs::remove_file(f.path()).is_ok() {
                        blobs += 1;
                    }
                }
            }
        }
        (temps, blobs)
    }
}

/// A temporary clip file; removed when dropped unless placed.
#[derive(Debug)]
pub struct TempBlob {
    path: PathBuf,
    placed: bool,
}

impl TempBlob {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        if !self.placed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_paths_and_sweeps() {
        let dir = tempfile::tempdir().unwrap();
        let b = BlobStore::new(dir.path().join("clips"));
        let sha = "ab".repeat(32);
        assert!(is_sha(&sha) && !is_sha("../..") && !is_sha(&"AB".repeat(32)) && !is_sha(&"ab".repeat(33)));
        assert!(b.path(&sha).ends_with(format!("blobs/ab/{sha}")));
        assert!(b.path("../../etc/passwd").ends_with("invalid-name"));
        let t = b.temp("wav").unwrap();
        std::fs::write(t.path(), b"x").unwrap();
        let tp = t.path().to_path_buf();
        drop(t);
        assert!(!tp.exists(), "a dropped temporary is removed");
        let t = b.temp("wav").unwrap();
        std::fs::write(t.path(), b"x").unwrap();
        b.place(t, &sha).unwrap();
        assert_eq!(std::fs::read(b.path(&sha)).unwrap(), b"x");
        assert_eq!(std::fs::read_dir(dir.path().join("clips/tmp")).unwrap().count(), 0);
        let dead = dir.path().join("clips/tmp/.resonance-999999999-1.wav.part");
        std::fs::write(&dead, b"y").unwrap();
        let foreign = dir.path().join("clips/tmp/notes.txt");
        std::fs::write(&foreign, b"z").unwrap();
        assert_eq!(b.sweep(&HashSet::from([sha.clone()])), (1, 0));
        assert!(foreign.exists(), "a file the bridge did not make is left alone");
        assert_eq!(b.sweep(&HashSet::new()), (0, 1));
        assert!(!b.path(&sha).exists());
    }
}
