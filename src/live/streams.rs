//! The live host's cpal streams: the audio host, a stream configuration for a device, and input
//! and output streams that convert between the device's sample format and the engine's `f32`.
//!
//! The output stream's callback runs the [`LiveProcessor`]; an input stream's callback only
//! pushes samples into its ring ([`push_input`]). Both report xruns and a lost device into the
//! shared [`LiveStats`] and flag.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use cpal::traits::DeviceTrait;
use cpal::{FromSample, SizedSample};

use super::rt::{CHUNK, LiveProcessor, LiveStats, push_input};

/// Calls `$f::<T>(args)` with `T` the Rust type of the cpal sample format `$fmt`; an error for a
/// format the host does not convert.
macro_rules! by_format {
    ($fmt:expr, $f:ident, $($arg:expr),*) => {
        match $fmt {
            cpal::SampleFormat::F32 => $f::<f32>($($arg),*),
            cpal::SampleFormat::I16 => $f::<i16>($($arg),*),
            cpal::SampleFormat::I32 => $f::<i32>($($arg),*),
            cpal::SampleFormat::U8 => $f::<u8>($($arg),*),
            other => anyhow::bail!("sample format {other:?} is not supported; choose a device offering f32, i16, i32 or u8"),
        }
    };
}

/// The audio host named by `--host` (case-insensitive), or cpal's default host.
pub fn audio_host(name: Option<&str>) -> Result<cpal::Host> {
    let Some(name) = name else { return Ok(cpal::default_host()) };
    let available = cpal::available_hosts();
    let id = available.iter().find(|h| h.name().eq_ignore_ascii_case(name)).ok_or_else(|| {
        anyhow::anyhow!(
            "audio host `{name}` is not available; available: {} (JACK needs a build with `--features jack` and a running server)",
            available.iter().map(|h| h.name().to_lowercase()).collect::<Vec<_>>().join(", ")
        )
    })?;
    Ok(cpal::host_from_id(*id)?)
}

/// Picks a stream config for `device` at `rate` and `buffer`.
pub fn stream_config(device: &cpal::Device, output: bool, rate: u32, buffer: u32) -> Result<(cpal::StreamConfig, cpal::SampleFormat)> {
    let configs: Vec<_> = if output { device.supported_output_configs()?.collect() } else { device.supported_input_configs()?.collect() };
    let pick = configs
        .iter()
        .filter(|c| c.min_sample_rate() <= rate && rate <= c.max_sample_rate())
        .max_by_key(|c| (c.sample_format() == cpal::SampleFormat::F32, c.channels() == 2, std::cmp::Reverse(c.channels())))
        .ok_or_else(|| anyhow::anyhow!("the device does not support {rate} Hz; try --rate 48000 or 44100"))?;
    let supported = (*pick).with_sample_rate(rate);
    let mut config = supported.config();
    config.buffer_size = cpal::BufferSize::Fixed(buffer);
    Ok((config, supported.sample_format()))
}

/// Builds an input stream in the device's sample format `fmt` that feeds `ring`.
pub fn open_input(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    fmt: cpal::SampleFormat,
    ring: rtrb::Producer<f32>,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream> {
    by_format!(fmt, build_input, device, config, ring, stats, lost)
}

/// Builds an output stream in the device's sample format `fmt` that runs `proc`.
pub fn open_output(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    fmt: cpal::SampleFormat,
    proc: LiveProcessor,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream> {
    by_format!(fmt, build_output, device, config, proc, stats, lost)
}

/// Builds an output stream that runs `proc` in its callback, converting to the device's format.
fn build_output<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    mut proc: LiveProcessor,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream>
where
    T: SizedSample + FromSample<f32> + Send + 'static,
{
    let ch = usize::from(config.channels);
    let mut scratch = vec![0.0f32; CHUNK * ch];
    let stream = device.build_output_stream(
        *config,
        move |data: &mut [T], _: &cpal::OutputCallbackInfo| {
            for piece in data.chunks_mut(CHUNK * ch) {
                let s = &mut scratch[..piece.len()];
                proc.render(s, ch);
                for (d, x) in piece.iter_mut().zip(s.iter()) {
                    *d = T::from_sample(*x);
                }
            }
        },
        move |e| on_stream_error(&e, &stats, &lost),
        None,
    )?;
    Ok(stream)
}

/// Builds an input stream whose callback converts to `f32` and pushes into `ring`.
fn build_input<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    mut ring: rtrb::Producer<f32>,
    stats: Arc<LiveStats>,
    lost: Arc<AtomicBool>,
) -> Result<cpal::Stream>
where
    T: SizedSample + Send + 'static,
    f32: FromSample<T>,
{
    let ch = usize::from(config.channels);
    let mut scratch = vec![0.0f32; CHUNK * ch];
    let stats2 = stats.clone();
    let stream = device.build_input_stream(
        *config,
        move |data: &[T], _: &cpal::InputCallbackInfo| {
            for piece in data.chunks(CHUNK * ch) {
                let s = &mut scratch[..piece.len()];
                for (d, x) in s.iter_mut().zip(piece) {
                    *d = x.to_sample::<f32>();
                }
                push_input(&mut ring, s, ch, &stats2);
            }
        },
        move |e| on_stream_error(&e, &stats, &lost),
        None,
    )?;
    Ok(stream)
}

/// A stream's error callback: counts xruns, flags a device that went away.
fn on_stream_error(e: &cpal::Error, stats: &LiveStats, lost: &AtomicBool) {
    match e.kind() {
        cpal::ErrorKind::Xrun => {
            stats.xruns.fetch_add(1, Ordering::Relaxed);
        }
        cpal::ErrorKind::DeviceNotAvailable => lost.store(true, Ordering::Relaxed),
        _ => {}
    }
}
