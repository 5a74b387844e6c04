//! Shared output helpers: progress bars and WAV files written atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar on standard error counting `total` units (hidden when stderr is not a
/// terminal, so logs stay clean).
pub fn progress(total: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40.cyan/blue}] {percent:>3}% {elapsed_precise} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// Sample format of written WAV files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum WavFormat {
    /// 16-bit integer PCM.
    S16,
    /// 24-bit integer PCM (broadcast default).
    #[default]
    S24,
    /// 32-bit float.
    F32,
}

/// A WAV writer that writes to a temporary file beside the destination and renames it into
/// place only when [`AtomicWav::finish`] succeeds, so a failed run leaves no output file. The
/// temporary (`.resonance-<pid>-XXXX.wav.part`) is removed when the writer is dropped, when a
/// signal stops the process (see [`crate::files`]), or by a later run if the process was killed.
pub struct AtomicWav {
    writer: hound::WavWriter<std::io::BufWriter<std::fs::File>>,
    temp: tempfile::TempPath,
    dest: PathBuf,
    format: WavFormat,
}

impl AtomicWav {
    pub fn create(dest: &Path, sample_rate: u32, channels: u16, format: WavFormat) -> Result<Self> {
        if dest.is_dir() {
            bail!("{} is a directory; give a file name such as out.wav", dest.display());
        }
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            bail!("cannot write {}: the folder {} does not exist; create it first", dest.display(), dir.display());
        }
        crate::files::sweep_stale_parts(&dir);
        let prefix = crate::files::part_prefix();
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(crate::files::PART_SUFFIX);
        // the output gets the mode any new file gets (0666 less the umask), not a temporary's 0600
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder.tempfile_in(&dir).with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
        let (file, temp) = tmp.into_parts();
        crate::files::register_part(&temp);
        let (bits, fmt) = match format {
            WavFormat::S16 => (16, hound::SampleFormat::Int),
            WavFormat::S24 => (24, hound::SampleFormat::Int),
            WavFormat::F32 => (32, hound::SampleFormat::Float),
        };
        let spec = hound::WavSpec { channels, sample_rate, bits_per_sample: bits, sample_format: fmt };
        let writer = hound::WavWriter::new(std::io::BufWriter::new(file), spec)
            .with_context(|| format!("cannot start the WAV file {}", dest.display()))?;
        Ok(Self { writer, temp, dest: dest.to_path_buf(), format })
    }

    /// Appends interleaved frames.
    pub fn write_interleaved(&mut self, samples: &[f32]) -> Result<()> {
        for &s in samples {
            let s = if s.is_finite() { s.clamp(-1.0, 1.0) } else { 0.0 };
            let written = match self.format {
                WavFormat::S16 => self.writer.write_sample((s * 32767.0).round() as i16),
                WavFormat::S24 => self.writer.write_sample((s * 8_388_607.0).round() as i32),
                WavFormat::F32 => self.writer.write_sample(s),
            };
            written.with_context(|| format!("cannot write {}", self.dest.display()))?;
        }
        Ok(())
    }

    /// Finalises the header and moves the file into place.
    pub fn finish(self) -> Result<()> {
        let Self { writer, temp, dest, .. } = self;
        writer.finalize().with_context(|| format!("cannot finish the WAV file {}", dest.display()))?;
        let part = temp.to_path_buf();
        crate::files::settle_part(&part, || temp.persist(&dest))
            .map_err(|e| anyhow::anyhow!("cannot move the output into place at {}: {}", dest.display(), e.error))?;
        Ok(())
    }
}
