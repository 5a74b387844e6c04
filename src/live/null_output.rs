//! The null output: with no output device (none found, an unusable default, or `--output null`),
//! the processor runs on a plain thread paced in real time, so the live host works headless.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::rt::LiveProcessor;

/// The null output's thread; dropping it stops the thread and waits for it.
#[derive(Debug)]
pub struct NullOutput {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl NullOutput {
    /// Runs `proc` at real-time pace on a plain thread, `buffer` frames (at least 64) at a time.
    pub fn spawn(mut proc: LiveProcessor, rate: u32, buffer: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let t = std::thread::spawn(move || {
            let frames = buffer.max(64) as usize;
            let mut buf = vec![0.0f32; frames * 2];
            let period = Duration::from_secs_f64(frames as f64 / f64::from(rate));
            let start = Instant::now();
            let mut n: u32 = 0;
            while !stop2.load(Ordering::Relaxed) {
                proc.render(&mut buf, 2);
                n += 1;
                let due = start + period * n;
                if let Some(wait) = due.checked_duration_since(Instant::now()) {
                    std::thread::sleep(wait);
                }
            }
        });
        Self { stop, thread: Some(t) }
    }
}

impl Drop for NullOutput {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
