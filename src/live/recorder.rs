//! `--record`: a non-real-time thread that drains the output ring into a WAV file.
//!
//! The audio thread pushes interleaved stereo into an SPSC ring (see [`super::rt`]); this
//! thread writes it out. The ring's producer is owned by whichever processor is running and
//! travels back through a channel when that processor is dropped, so a recording survives
//! device rebuilds.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use anyhow::Result;

use crate::output::{AtomicWav, WavFormat};

/// The recorder thread's handle: its ring producer (for the audio thread), a stop flag, and
/// the thread, which returns the number of frames written.
pub type Recorder = (rtrb::Producer<f32>, Arc<AtomicBool>, std::thread::JoinHandle<Result<u64>>);

/// The recorder ring's producer and the channel that gives it back when a session ends.
pub type RecorderLink = (rtrb::Producer<f32>, mpsc::Sender<rtrb::Producer<f32>>);

/// The recorder: a non-real-time thread draining the output ring into a WAV file.
pub fn spawn_recorder(path: &Path, rate: u32) -> Result<Recorder> {
    // 20 s of stereo: the writer only has to keep up on average
    let (tx, mut rx) = rtrb::RingBuffer::<f32>::new(rate as usize * 2 * 20);
    let mut wav = AtomicWav::create(path, rate, 2, WavFormat::S24)?;
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let t = std::thread::spawn(move || -> Result<u64> {
        let mut buf = Vec::with_capacity(8192);
        let mut written = 0u64;
        loop {
            let finishing = stop2.load(Ordering::Acquire);
            // the audio thread pushes left then right: a read can end between the two, so an
            // odd trailing sample stays in `buf` for the next round
            while buf.len() < 8192 {
                match rx.pop() {
                    Ok(x) => buf.push(x),
                    Err(_) => break,
                }
            }
            let whole = buf.len() - buf.len() % 2;
            wav.write_interleaved(&buf[..whole])?;
            written += whole as u64 / 2;
            buf.drain(..whole);
            if finishing && rx.is_empty() {
                break;
            }
            if rx.is_empty() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        wav.finish()?;
        Ok(written)
    });
    Ok((tx, stop, t))
}

/// Stops the recorder once it has written what is left in its ring; the number of frames
/// written.
pub fn finish_recorder(recorder: Recorder) -> Result<u64> {
    let (_, stop, t) = recorder;
    stop.store(true, Ordering::Release);
    t.join().map_err(|_| anyhow::anyhow!("the recorder thread panicked"))?
}
