//! The library's secrets at rest: the Spotify token (with its refresh token) and the Subsonic
//! settings (password or API key) are stored encrypted with ChaCha20-Poly1305 (ring's AEAD,
//! already in the tree through rustls), each value under a fresh random 96-bit nonce, with the
//! setting's name as associated data (a value copied to another row does not open).
//!
//! The 256-bit key comes from `RESONANCE_LIBRARY_KEY` (64 hex digits) or, without it, from
//! `library.key` in the data directory, created on first use with mode 0600. Stored form:
//! `enc1:` + base64(nonce ‖ ciphertext ‖ tag). Values written before encryption existed (no
//! prefix) are read as they are and encrypted when next written; [`Vault::seal`] is used for
//! every write. A value that does not open (another key, damaged) is an error naming the key's
//! origin and what to do — the bridge starts anyway, with that provider disconnected.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use crate::error::BridgeError;

/// The environment variable that gives the key (64 hex digits) instead of the key file.
pub const KEY_ENV: &str = "RESONANCE_LIBRARY_KEY";
/// The key file's name in the data directory.
pub const KEY_FILE: &str = "library.key";
/// Prefix of an encrypted value (format version 1).
const PREFIX: &str = "enc1:";

/// The key and where it came from (for error messages).
#[derive(Clone)]
pub struct Vault {
    key: Arc<LessSafeKey>,
    origin: String,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("origin", &self.origin).finish_non_exhaustive()
    }
}

/// A stored secret that did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the stored {name} does not open with the key from {origin} (another key, or the value is damaged): restore the key it was stored with, or set the provider up again on the page"
)]
pub struct SealError {
    pub name: String,
    pub origin: String,
}

fn parse_hex(text: &str) -> Option<[u8; 32]> {
    let t = text.trim();
    if t.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(t.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(2 * bytes.len()), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Vault {
    /// The key from [`KEY_ENV`], else from `dir`/[`KEY_FILE`] (created 0600 when missing).
    ///
    /// # Errors
    /// [`BridgeError::Config`] for a key that is not 64 hex digits, or a key file that cannot
    /// be read or created.
    pub fn open(dir: &Path) -> Result<Self, BridgeError> {
        if let Ok(v) = std::env::var(KEY_ENV)
            && !v.is_empty()
        {
            let key = parse_hex(&v).ok_or_else(|| {
                BridgeError::Config(format!("{KEY_ENV} must be 64 hex digits (a 256-bit key; `openssl rand -hex 32` makes one)"))
            })?;
            return Ok(Self::from_key(&key, KEY_ENV));
        }
        let path = dir.join(KEY_FILE);
        Self::from_file(&path)
    }

    fn from_file(path: &PathBuf) -> Result<Self, BridgeError> {
        let shown = path.display();
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let key = parse_hex(&text).ok_or_else(|| {
                    BridgeError::Config(format!(
                        "{shown} must hold 64 hex digits (the library's key); restore it from a backup, or delete it and set Spotify and Subsonic up again"
                    ))
                })?;
                Ok(Self::from_key(&key, &shown.to_string()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key: [u8; 32] = rand::random();
                write_private(path, &format!("{}\n", to_hex(&key))).map_err(|e| {
                    BridgeError::Config(format!(
                        "cannot create the library's key file {shown}: {e}; check that the data directory is writable"
                    ))
                })?;
                Ok(Self::from_key(&key, &shown.to_string()))
            }
            Err(e) => Err(BridgeError::Config(format!("cannot read the library's key file {shown}: {e}"))),
        }
    }

    /// A vault with this key; `origin` names it in errors.
    pub fn from_key(key: &[u8; 32], origin: &str) -> Self {
        // cannot fail: the key has CHACHA20_POLY1305's length
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key).unwrap_or_else(|_| unreachable!("a 32-byte key"));
        Self { key: Arc::new(LessSafeKey::new(unbound)), origin: origin.to_string() }
    }

    /// Where the key came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `plain` encrypted for the setting `name`.
    pub fn seal(&self, name: &str, plain: &str) -> String {
        let nonce: [u8; NONCE_LEN] = rand::random();
        let mut buf = plain.as_bytes().to_vec();
        // cannot fail: the input is far below ChaCha20-Poly1305's length limit
        let _ = self.key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(name.as_bytes()), &mut buf);
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        format!("{PREFIX}{}", base64::engine::general_purpose::STANDARD.encode(out))
    }

    /// The plain value of a stored setting `name` (a value without the prefix, written before
    /// encryption, as it is).
    ///
    /// # Errors
    /// [`SealError`] when it does not open with this key.
    pub fn open_value(&self, name: &str, stored: &str) -> Result<String, SealError> {
        let Some(b64) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_string()) };
        let err = || SealError { name: name.to_string(), origin: self.origin.clone() };
        let mut bytes = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| err())?;
        if bytes.len() < NONCE_LEN {
            return Err(err());
        }
        let mut body = bytes.split_off(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(&bytes).map_err(|_| err())?;
        let plain = self.key.open_in_place(nonce, Aad::from(name.as_bytes()), &mut body).map_err(|_| err())?;
        String::from_utf8(plain.to_vec()).map_err(|_| err())
    }
}

/// Writes `text` to a new file readable by its owner only.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_hide_the_secret_open_with_the_key_and_refuse_another() {
        let v = Vault::from_key(&[7; 32], "test key");
        let secret = r#"{"refresh_token":"AQD-very-secret-refresh"}"#;
        let sealed = v.seal("spotify_token", secret);
        assert!(sealed.starts_with(PREFIX) && !sealed.contains("very-secret"), "{sealed}");
        assert_ne!(sealed, v.seal("spotify_token", secret), "a fresh nonce each time");
        assert_eq!(v.open_value("spotify_token", &sealed).unwrap(), secret);
        // another row's name does not open it, nor another key
        assert!(v.open_value("subsonic", &sealed).is_err());
        let e = Vault::from_key(&[8; 32], "the other key").open_value("spotify_token", &sealed).unwrap_err().to_string();
        assert!(e.contains("spotify_token") && e.contains("the other key") && e.contains("set the provider up again"), "{e}");
        // legacy plain values read as they are; garbage after the prefix is an error
        assert_eq!(v.open_value("x", "{\"a\":1}").unwrap(), "{\"a\":1}");
        assert!(v.open_value("x", "enc1:!!").is_err());
    }

    #[test]
    fn the_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(KEY_FILE);
        let a = Vault::from_file(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let sealed = a.seal("n", "secret");
        let b = Vault::from_file(&path).unwrap();
        assert_eq!(b.open_value("n", &sealed).unwrap(), "secret");
        std::fs::write(&path, "not hex").unwrap();
        let e = Vault::from_file(&path).unwrap_err().to_string();
        assert!(e.contains("64 hex digits"), "{e}");
    }
}
