//! Audio device discovery: `resonance devices`, and finding a device by name pattern with an
//! error that lists what exists.

use anyhow::{Result, bail};
use cpal::traits::{DeviceTrait, HostTrait};

/// Stops alsa-lib printing its own `ALSA lib ...` errors on this thread (probing the devices of
/// a machine without a sound card prints a dozen; the host says what they mean in one line).
/// Their text goes to a buffer instead (alsa's thread-local error output).
pub fn quiet_alsa() {
    #[cfg(target_os = "linux")]
    {
        let _ = alsa::Output::local_error_handler();
    }
}

/// Whether this machine has no sound card at all (Linux: `/proc/asound/cards` lists none).
pub fn no_sound_card() -> bool {
    if cfg!(target_os = "linux") {
        std::fs::read_to_string("/proc/asound/cards").map_or(true, |s| s.trim().is_empty() || s.contains("no soundcards"))
    } else {
        false
    }
}

/// One device as users see it.
#[derive(Debug, Clone)]
pub struct DeviceInfo {
    /// Stable identifier, e.g. `alsa:null` (what `--output` accepts, besides a name pattern).
    pub id: String,
    pub name: String,
    pub inputs: Option<(u16, u32, u32)>,
    pub outputs: Option<(u16, u32, u32)>,
}

/// (max channels, min rate, max rate) over a device's configurations.
fn summarize<I: Iterator<Item = cpal::SupportedStreamConfigRange>>(it: I) -> Option<(u16, u32, u32)> {
    it.fold(None, |acc, c| {
        let (ch, lo, hi) = (c.channels(), c.min_sample_rate(), c.max_sample_rate());
        Some(match acc {
            None => (ch, lo, hi),
            Some((a, b, d)) => (a.max(ch), b.min(lo), d.max(hi)),
        })
    })
}

/// Every device of every available host.
pub fn list() -> Vec<(String, Vec<DeviceInfo>)> {
    let mut out = Vec::new();
    for host_id in cpal::available_hosts() {
        let Ok(host) = cpal::host_from_id(host_id) else { continue };
        let mut devs = Vec::new();
        if let Ok(devices) = host.devices() {
            for d in devices {
                let id = d.id().map_or_else(|_| "?".to_string(), |i| i.to_string());
                let name = d.description().map_or_else(|_| id.clone(), |desc| desc.name().to_string());
                let inputs = d.supported_input_configs().ok().and_then(summarize);
                let outputs = d.supported_output_configs().ok().and_then(summarize);
                devs.push(DeviceInfo { id, name, inputs, outputs });
            }
        }
        out.push((host_id.name().to_string(), devs));
    }
    out
}

/// Finds a device by exact id (`alsa:null`) or a case-insensitive substring of its name or id.
///
/// # Errors
/// When nothing matches: the message lists the devices that exist for that direction.
pub fn find(pattern: &str, output: bool) -> Result<cpal::Device> {
    let dir = if output { "output" } else { "input" };
    let mut seen = Vec::new();
    let needle = pattern.to_lowercase();
    for host_id in cpal::available_hosts() {
        let Ok(host) = cpal::host_from_id(host_id) else { continue };
        let Ok(devices) = host.devices() else { continue };
        for d in devices {
            let capable = if output {
                d.supported_output_configs().is_ok_and(|mut c| c.next().is_some())
            } else {
                d.supported_input_configs().is_ok_and(|mut c| c.next().is_some())
            };
            if !capable {
                continue;
            }
            let id = d.id().map_or_else(|_| String::new(), |i| i.to_string());
            let name = d.description().map_or_else(|_| id.clone(), |desc| desc.name().to_string());
            if id == pattern || id.to_lowercase().contains(&needle) || name.to_lowercase().contains(&needle) {
                return Ok(d);
            }
            seen.push(format!("{id} ({name})"));
        }
    }
    if seen.is_empty() {
        bail!("no {dir} device matches `{pattern}`, and this machine has no {dir} devices at all");
    }
    bail!("no {dir} device matches `{pattern}`; available {dir} devices:\n  {}\n(see `resonance devices`)", seen.join("\n  "))
}

/// Prints the device table.
pub fn print() {
    quiet_alsa();
    if no_sound_card() {
        println!("this machine has no sound card (only virtual devices such as `null` are listed)");
    }
    let hosts = list();
    if hosts.is_empty() {
        println!("no audio hosts available");
    }
    for (host, devs) in hosts {
        println!("host {host}: {} device(s)", devs.len());
        for d in devs {
            let fmt = |c: Option<(u16, u32, u32)>| c.map_or_else(|| "-".to_string(), |(ch, lo, hi)| format!("{ch} ch, {lo}-{hi} Hz"));
            println!("  {:<28} in: {:<22} out: {:<22} {}", d.id, fmt(d.inputs), fmt(d.outputs), d.name);
        }
    }
}
