//! The `.clap` through clack-host: description, parameters, automation, crowd audio through
//! the sidechain, state, bypass, activation cycles, and the no-allocation proof.

use clack_extensions::audio_ports::{AudioPortFlags, AudioPortInfoBuffer, PluginAudioPorts};
use clack_extensions::latency::PluginLatency;
use clack_extensions::note_ports::{NotePortInfoBuffer, PluginNotePorts};
use clack_extensions::params::{ParamInfoBuffer, ParamInfoFlags, ParamRescanFlags};
use clack_extensions::tail::{PluginTail, TailLength};
use clack_host::events::event_types::{MidiEvent, NoteOnEvent, ParamValueEvent};
use clack_host::prelude::*;
use resonance_engine::ParamId;
use resonance_engine::testing::count_allocations;
use resonance_test_support::rms_f64 as rms;

use crate::host::{self, TestHost, crowd_audio, flush_params, get_value, new_instance, params_ext, state_ext};
use crate::malloc_hook::count_c_allocations;

/// An event at an absolute sample position.
#[derive(Clone, Copy, Debug)]
pub enum Ev {
    Param(ParamId, f64),
    Note(u16),
    Midi([u8; 3]),
}

/// What a run produced.
#[derive(Debug, Default)]
pub struct Run {
    pub main: [Vec<f32>; 2],
    pub music: [Vec<f32>; 2],
    /// C-level and Rust allocations made inside `process()` calls.
    pub c_allocs: usize,
    pub rust_allocs: usize,
    /// (absolute time, parameter, value) of parameter events the plugin sent to the host.
    pub out_params: Vec<(usize, u32, f64)>,
    pub blocks: usize,
}

/// An activated, processing plugin with the host's buffers, ready to take spans of audio.
pub struct Rig {
    processor: StartedPluginAudioProcessor<TestHost>,
    max_block: usize,
    ins: Vec<Vec<f32>>,
    outs: Vec<Vec<f32>>,
    in_ports: AudioPorts,
    out_ports: AudioPorts,
    ev_in: EventBuffer,
    ev_out: EventBuffer,
}

impl Rig {
    pub fn start(instance: &mut PluginInstance<TestHost>, rate: f64, max_block: usize) -> Self {
        let config = PluginAudioConfiguration { sample_rate: rate, min_frames_count: 1, max_frames_count: max_block as u32 };
        let stopped = instance.activate(|_, _| (), config).expect("activate");
        Self {
            processor: stopped.start_processing().expect("start processing"),
            max_block,
            ins: vec![vec![0.0f32; max_block]; 4],
            outs: vec![vec![0.0f32; max_block]; 4],
            in_ports: AudioPorts::with_capacity(4, 2),
            out_ports: AudioPorts::with_capacity(4, 2),
            ev_in: EventBuffer::with_capacity(256),
            ev_out: EventBuffer::with_capacity(4096),
        }
    }

    pub fn stop(self, instance: &mut PluginInstance<TestHost>) {
        instance.deactivate(self.processor.stop_processing());
    }

    /// Processes `programme` (on both main channels) and `crowd` (on both sidechain channels;
    /// `None` = sidechain not connected, flagged constant silence) in blocks whose sizes cycle
    /// through `blocks`, with `events` at positions relative to the span's start.
    pub fn process(&mut self, blocks: &[usize], programme: &[f32], crowd: Option<&[f32]>, events: &[(usize, Ev)]) -> Run {
        let n = programme.len();
        let mut out = Run::default();
        for v in out.main.iter_mut().chain(out.music.iter_mut()) {
            v.reserve(n);
        }
        let (mut pos, mut bi, mut ei) = (0, 0, 0);
        while pos < n {
            let len = blocks[bi % blocks.len()].min(self.max_block).min(n - pos);
            bi += 1;
            for ch in 0..2 {
                self.ins[ch][..len].copy_from_slice(&programme[pos..pos + len]);
                match crowd {
                    Some(c) => self.ins[2 + ch][..len].copy_from_slice(&c[pos..pos + len]),
                    None => self.ins[2 + ch][..len].fill(0.0),
                }
            }
            self.ev_in.clear();
            while ei < events.len() && events[ei].0 < pos + len {
                let t = (events[ei].0 - pos) as u32;
                match events[ei].1 {
                    Ev::Param(id, v) => self.ev_in.push(&ParamValueEvent::new(t, ClapId::new(id.index() as u32), Pckn::match_all(), v)),
                    Ev::Note(key) => self.ev_in.push(&NoteOnEvent::new(t, Pckn::new(0u16, 0u16, key, 0u32), 1.0)),
                    Ev::Midi(data) => self.ev_in.push(&MidiEvent::new(t, 0, data)),
                }
                ei += 1;
            }
            self.ev_out.clear();
            {
                let (main_in, sc_in) = self.ins.split_at_mut(2);
                let input = self.in_ports.with_input_buffers([
                    AudioPortBuffer { latency: 0, channels: AudioPortBufferType::f32_input_only(in_channels(main_in, len, false)) },
                    AudioPortBuffer { latency: 0, channels: AudioPortBufferType::f32_input_only(in_channels(sc_in, len, crowd.is_none())) },
                ]);
                let (main_out, music_out) = self.outs.split_at_mut(2);
                let mut output = self.out_ports.with_output_buffers([
                    AudioPortBuffer { latency: 0, channels: AudioPortBufferType::f32_output_only(out_channels(main_out, len)) },
                    AudioPortBuffer { latency: 0, channels: AudioPortBufferType::f32_output_only(out_channels(music_out, len)) },
                ]);
                let input_events = InputEvents::from_buffer(&self.ev_in);
                let mut output_events = OutputEvents::from_buffer(&mut self.ev_out);
                let processor = &mut self.processor;
                let ((status, c), r) = count_allocations(|| {
                    count_c_allocations(|| processor.process(&input, &mut output, &input_events, &mut output_events, None, None))
                });
                status.expect("process succeeds");
                out.c_allocs += c;
                out.rust_allocs += r;
            }
            for e in &self.ev_out {
                if let Some(p) = e.as_event::<ParamValueEvent>() {
                    out.out_params.push((pos + p.header().time() as usize, p.param_id().map_or(u32::MAX, ClapId::get), p.value()));
                }
            }
            for ch in 0..2 {
                out.main[ch].extend_from_slice(&self.outs[ch][..len]);
                out.music[ch].extend_from_slice(&self.outs[2 + ch][..len]);
            }
            pos += len;
            out.blocks += 1;
        }
        out
    }
}

/// Activates, processes (see [`Rig::process`]) and deactivates.
pub fn run(
    instance: &mut PluginInstance<TestHost>,
    rate: f64,
    max_block: usize,
    blocks: &[usize],
    programme: &[f32],
    crowd: Option<&[f32]>,
    events: &[(usize, Ev)],
) -> Run {
    let mut rig = Rig::start(instance, rate, max_block);
    let out = rig.process(blocks, programme, crowd, events);
    rig.stop(instance);
    out
}

/// Input channels of one port; `constant` flags them as constant (an unconnected port).
fn in_channels(bufs: &mut [Vec<f32>], len: usize, constant: bool) -> impl ExactSizeIterator<Item = InputChannel<'_, f32>> {
    bufs.iter_mut().map(move |b| InputChannel::from_buffer(&mut b[..len], constant))
}

fn out_channels(bufs: &mut [Vec<f32>], len: usize) -> impl ExactSizeIterator<Item = &mut [f32]> {
    bufs.iter_mut().map(move |b| &mut b[..len])
}

#[test]
fn describes_ports_params_and_latency_like_a_host_sees_them() {
    let entry = host::entry();
    let factory = entry.get_plugin_factory().expect("plugin factory");
    let descriptors: Vec<_> = factory.plugin_descriptors().collect();
    assert_eq!(descriptors.len(), 1);
    assert_eq!(descriptors[0].id().map(std::ffi::CStr::to_bytes), Some(&b"org.resonance.resonance"[..]));
    assert_eq!(descriptors[0].name().map(std::ffi::CStr::to_bytes), Some(&b"Resonance"[..]));

    let mut inst = new_instance();
    let params = params_ext(&mut inst);
    let handle = inst.plugin_handle();
    assert_eq!(params.count(&handle) as usize, ParamId::ALL.len());
    let mut buf = ParamInfoBuffer::new();
    for (i, id) in ParamId::ALL.iter().enumerate() {
        let e = id.info();
        let info = params.get_info(&handle, i as u32, &mut buf).expect("info for every index");
        assert_eq!(info.id.get() as usize, i, "CLAP id is the stable index");
        assert_eq!(std::str::from_utf8(info.name).unwrap().trim_end_matches('\0'), e.name);
        assert_eq!((info.min_value, info.max_value, info.default_value), (f64::from(e.min), f64::from(e.max), f64::from(e.default)));
        assert!(info.flags.contains(ParamInfoFlags::IS_AUTOMATABLE));
        assert_eq!(info.flags.contains(ParamInfoFlags::IS_BYPASS), *id == ParamId::Bypass);
        assert_eq!(params.get_value(&handle, info.id), Some(f64::from(e.default)));
        // value -> text -> value round trips through the host API, across the range.
        let stepped = info.flags.contains(ParamInfoFlags::IS_STEPPED);
        for v in [e.min, e.default, 0.5 * (e.min + e.max), e.max].map(|v| f64::from(if stepped { e.clamp(v).round() } else { e.clamp(v) }))
        {
            let mut text = [0u8; 256];
            let t = params.value_to_text(&handle, info.id, v, &mut text).expect("value_to_text");
            let t = std::ffi::CString::new(t.iter().copied().take_while(|&b| b != 0).collect::<Vec<u8>>()).unwrap();
            let back = params.text_to_value(&handle, info.id, &t).expect("text_to_value parses value_to_text");
            assert!((back - v).abs() < 0.06, "{}: {v} -> {t:?} -> {back}", e.id);
        }
    }
    assert!(params.get_info(&handle, ParamId::ALL.len() as u32, &mut buf).is_none());

    let ports: PluginAudioPorts = inst.plugin_handle().get_extension().expect("audio ports");
    let handle = inst.plugin_handle();
    let mut pbuf = AudioPortInfoBuffer::new();
    for is_input in [true, false] {
        assert_eq!(ports.count(&handle, is_input), 2);
        let main = ports.get(&handle, 0, is_input, &mut pbuf).expect("main port");
        assert_eq!(main.channel_count, 2);
        assert!(main.flags.contains(AudioPortFlags::IS_MAIN));
        assert!(!main.flags.intersects(AudioPortFlags::SUPPORTS_64BITS | AudioPortFlags::PREFERS_64BITS));
        let second = ports.get(&handle, 1, is_input, &mut pbuf).expect("second port");
        assert_eq!(second.channel_count, 2);
        assert!(!second.flags.contains(AudioPortFlags::IS_MAIN));
        // 32-bit only (decision 0028): the host must hand f32 buffers.
        assert!(!second.flags.intersects(AudioPortFlags::SUPPORTS_64BITS | AudioPortFlags::PREFERS_64BITS));
    }
    let notes: PluginNotePorts = inst.plugin_handle().get_extension().expect("note ports");
    assert_eq!(notes.count(&inst.plugin_handle(), true), 1);
    assert!(notes.get(&inst.plugin_handle(), 0, true, &mut NotePortInfoBuffer::new()).is_some());
    let latency: PluginLatency = inst.plugin_handle().get_extension().expect("latency");
    let config = PluginAudioConfiguration { sample_rate: 48_000.0, min_frames_count: 1, max_frames_count: 256 };
    let mut p = inst.activate(|_, _| (), config).expect("activate");
    assert_eq!(latency.get(&inst.plugin_handle()), 0, "the engine adds no latency");
    let tail: PluginTail = inst.plugin_handle().get_extension().expect("tail");
    assert_eq!(tail.get(&p.plugin_handle()), TailLength::Infinite, "the music plays on through silence");
    inst.deactivate(p);
}

#[test]
fn minutes_of_crowd_audio_through_the_sidechain_never_allocate() {
    let (rate, crowd) = crowd_audio(150.0);
    let n = crowd.len();
    // Programme on the main bus: another stretch of the recordings, quieter.
    let programme: Vec<f32> = (0..n).map(|i| 0.3 * crowd[(i + n / 2) % n]).collect();
    let r = f64::from(rate) as usize;
    let mut events = vec![(0, Ev::Param(ParamId::DryWet, 0.5))];
    for k in 1..14 {
        events.push((k * 10 * r + 17 * k, Ev::Param(ParamId::Intensity, (k % 5) as f64 / 4.0)));
        events.push((k * 10 * r + 333, Ev::Param(ParamId::MusicLevel, -30.0 + k as f64)));
    }
    events.push((30 * r, Ev::Param(ParamId::MoodSource, 2.0)));
    events.push((31 * r, Ev::Param(ParamId::ManualValence, 0.8)));
    events.push((45 * r, Ev::Note(60)));
    events.push((50 * r + 5, Ev::Midi([0xb0, 1, 127])));
    events.sort_by_key(|e| e.0);

    let mut inst = new_instance();
    let started = std::time::Instant::now();
    let out = run(&mut inst, f64::from(rate), 4096, &[512, 1, 7, 64, 333, 4096, 2048], &programme, Some(&crowd), &events);
    // A figure for the record, not an assertion: wall time / audio time through the host.
    eprintln!(
        "processed {:.1} s of crowd audio in {} blocks; real-time ratio {:.4}",
        n as f64 / f64::from(rate),
        out.blocks,
        started.elapsed().as_secs_f64() / (n as f64 / f64::from(rate))
    );
    assert!(n as f64 / f64::from(rate) >= 150.0, "at least two and a half minutes of real audio");
    assert!(out.blocks > 1000);
    assert_eq!(out.c_allocs, 0, "the plugin allocated inside process() ({} C-level calls)", out.c_allocs);
    assert_eq!(out.rust_allocs, 0, "the host side allocated inside process()");
    for ch in out.main.iter().chain(out.music.iter()) {
        assert_eq!(ch.len(), n);
        assert!(ch.iter().all(|x| x.is_finite()), "non-finite output");
        assert!(ch.iter().all(|x| x.abs() <= 1.0), "output above full scale");
    }
    assert!(rms(&out.main[0]) > 1e-3, "with dry/wet at 0.5 the programme reaches the output");
    // CC 1 reached `intensity` and the host was told at the event's time.
    let cc = out.out_params.iter().find(|p| p.1 == ParamId::Intensity.index() as u32).expect("CC 1 produced a parameter event");
    assert_eq!((cc.0, cc.2), (50 * r + 5, 1.0));
    assert_eq!(get_value(&mut inst, ParamId::MoodSource), 2.0, "automation is reflected in the host's view");

    // Positive control: the hook does see the plugin's own allocations (state save allocates).
    let state = state_ext(&mut inst);
    let mut bytes = Vec::with_capacity(4096);
    let (res, c) = count_c_allocations(|| state.save(&inst.plugin_handle(), &mut bytes));
    res.expect("save");
    assert!(c > 0, "the malloc hook must see allocations made inside the plugin library");
}

#[test]
fn automation_is_sample_accurate_and_independent_of_block_size() {
    let (rate, crowd) = crowd_audio(20.0);
    let crowd = &crowd[..(20 * rate) as usize];
    let k = 3 * 512 + 123;
    let mut inst = new_instance();
    let mut go = |blocks: &[usize], events: &[(usize, Ev)]| {
        // Music muted (-60 dB is off) so only the dry path is measured, whatever the synth plays.
        flush_params(&mut inst, &[(ParamId::DryWet, 0.5), (ParamId::MusicLevel, -60.0)]);
        run(&mut inst, f64::from(rate), 512, blocks, crowd, Some(crowd), events)
    };
    let with = go(&[512], &[(k, Ev::Param(ParamId::DryWet, 1.0))]);
    let without = go(&[512], &[]);
    let odd = go(&[7, 1, 64, 333, 512, 5], &[(k, Ev::Param(ParamId::DryWet, 1.0))]);
    let first_diff = with.main[0].iter().zip(&without.main[0]).position(|(a, b)| a != b).expect("the automation changed the output");
    assert!((k..=k + 1).contains(&first_diff), "automation at sample {k} took effect at {first_diff}");
    assert!(rms(&with.main[0][k + 4410..]) < 0.1 * rms(&without.main[0][k + 4410..]), "dry/wet 1 removes the dry signal");
    assert_eq!(with.main, odd.main, "the output depends on the host's block sizes");
    assert_eq!(with.music, odd.music);
}

#[test]
fn state_round_trip_reproduces_output_and_bad_state_is_rejected() {
    let (rate, crowd) = crowd_audio(20.0);
    let crowd = &crowd[..(15 * rate) as usize];
    let set = [
        (ParamId::MusicLevel, -3.0),
        (ParamId::DryWet, 0.6),
        (ParamId::Intensity, 0.8),
        (ParamId::MoodSource, 2.0),
        (ParamId::ManualValence, 0.4),
        (ParamId::Ducking, 12.0),
        (ParamId::Sensitivity, 0.7),
    ];
    let mut a = new_instance();
    flush_params(&mut a, &set);
    let state = state_ext(&mut a);
    let mut saved = Vec::new();
    state.save(&a.plugin_handle(), &mut saved).expect("save");

    let mut b = new_instance();
    let state_b = state_ext(&mut b);
    state_b.load(&b.plugin_handle(), &mut &saved[..]).expect("load a saved state");
    let rescans = b.access_shared_handler(|h| h.rescans.load(std::sync::atomic::Ordering::SeqCst));
    let flags = b.access_shared_handler(|h| h.rescan_flags.load(std::sync::atomic::Ordering::SeqCst));
    assert_eq!(rescans, 1, "after a load the plugin asks the host to rescan parameter values");
    assert!(ParamRescanFlags::from_bits_truncate(flags).contains(ParamRescanFlags::VALUES));
    for id in ParamId::ALL {
        assert_eq!(get_value(&mut a, id), get_value(&mut b, id), "{}", id.info().id);
    }

    let out_a = run(&mut a, f64::from(rate), 512, &[512], crowd, Some(crowd), &[]);
    let out_b = run(&mut b, f64::from(rate), 512, &[512], crowd, Some(crowd), &[]);
    assert_eq!(out_a.main, out_b.main, "loaded state reproduces the output");
    assert_eq!(out_a.music, out_b.music);
    let mut fresh = new_instance();
    let out_default = run(&mut fresh, f64::from(rate), 512, &[512], crowd, Some(crowd), &[]);
    assert_ne!(out_a.main, out_default.main, "the saved parameters matter to the output");

    // Garbage, truncated, future-version and bit-flipped states: rejected, nothing changes.
    let before: Vec<f64> = ParamId::ALL.iter().map(|&id| get_value(&mut b, id)).collect();
    let mut future = saved.clone();
    future[8..10].copy_from_slice(&2u16.to_le_bytes());
    let mut flipped = saved.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let noise: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for (what, bad) in [
        ("garbage", &b"not a state"[..]),
        ("empty", &[][..]),
        ("truncated", &saved[..saved.len() - 3]),
        ("future version", &future[..]),
        ("bit flip", &flipped[..]),
        ("noise", &noise[..]),
    ] {
        assert!(state_b.load(&b.plugin_handle(), &mut &bad[..]).is_err(), "{what} state was accepted");
        let after: Vec<f64> = ParamId::ALL.iter().map(|&id| get_value(&mut b, id)).collect();
        assert_eq!(before, after, "{what} state changed parameters");
    }
    assert_eq!(b.access_shared_handler(|h| h.rescans.load(std::sync::atomic::Ordering::SeqCst)), 1, "no rescan for a rejected state");
}

#[test]
fn bypass_passes_input_through_bit_for_bit() {
    let (rate, crowd) = crowd_audio(30.0);
    let crowd = &crowd[..(30 * rate) as usize];
    let programme: Vec<f32> = crowd.iter().rev().copied().collect();
    let mut inst = new_instance();
    flush_params(&mut inst, &[(ParamId::Bypass, 1.0), (ParamId::DryWet, 0.3), (ParamId::MusicLevel, 0.0)]);
    let out = run(&mut inst, f64::from(rate), 1024, &[1024, 77], &programme, Some(crowd), &[]);
    assert_eq!(out.main[0], programme);
    assert_eq!(out.main[1], programme);
}

#[test]
fn activates_and_deactivates_at_any_rate_and_block_size() {
    let (_, crowd) = crowd_audio(1.0);
    let mut inst = new_instance();
    for (rate, max_block, blocks) in [
        (22_050.0, 1, &[1][..]),
        (44_100.0, 64, &[64, 3]),
        (48_000.0, 512, &[512, 511]),
        (96_000.0, 8192, &[8192, 1000]),
        (48_000.0, 7, &[7]),
    ] {
        let len = (rate as usize / 10).min(crowd.len());
        let out = run(&mut inst, rate, max_block, blocks, &crowd[..len], None, &[]);
        assert_eq!(out.c_allocs + out.rust_allocs, 0, "{rate} Hz, max block {max_block}");
        assert_eq!(out.main[0].len(), len);
        assert!(out.main.iter().flatten().all(|x| x.is_finite()));
    }
}

#[test]
fn factory_presets_are_discoverable_and_load_like_a_state() {
    use clack_extensions::preset_discovery::prelude::{Location, PluginPresetLoad, PresetDiscoveryFactory};
    let factory: PresetDiscoveryFactory = host::entry().get_factory().expect("preset discovery factory");
    assert_eq!(factory.provider_count(), 1);
    let provider = factory.get_provider_descriptor(0).expect("provider descriptor");
    assert_eq!(provider.id().map(std::ffi::CStr::to_bytes), Some(&b"org.resonance.resonance.factory-presets"[..]));

    let preset = resonance_io::preset::factory().expect("factory presets parse").into_iter().next().expect("one factory preset");
    let expected = resonance_engine::EngineConfig::with_preset(&preset).params;
    let mut inst = new_instance();
    let load: PluginPresetLoad = inst.plugin_handle().get_extension().expect("preset-load extension");
    let key = std::ffi::CString::new(preset.name.clone()).unwrap();
    load.load_from_location(&inst.plugin_handle(), Location::Plugin, Some(&key)).expect("load a factory preset");
    for id in ParamId::ALL {
        assert_eq!(get_value(&mut inst, id), f64::from(expected.get(id)), "{}", id.info().id);
    }
    assert_eq!(inst.access_shared_handler(|h| h.rescans.load(std::sync::atomic::Ordering::SeqCst)), 1);
    assert!(load.load_from_location(&inst.plugin_handle(), Location::Plugin, Some(c"no-such-preset")).is_err());
}

#[test]
fn changes_while_active_reach_the_audio_thread() {
    let (rate, crowd) = crowd_audio(4.0);
    let sec = rate as usize;
    let crowd = &crowd[..4 * sec];
    let mut inst = new_instance();
    flush_params(&mut inst, &[(ParamId::DryWet, 0.5)]);
    // A state saved elsewhere with dry/wet 1 (music only: the dry programme is removed) and
    // the music muted, so the result is silence whatever the synth plays.
    let mut other = new_instance();
    flush_params(&mut other, &[(ParamId::DryWet, 1.0), (ParamId::MusicLevel, -60.0)]);
    let mut music_only = Vec::new();
    state_ext(&mut other).save(&other.plugin_handle(), &mut music_only).expect("save");

    // Flush on the audio thread (active, not processing): bypass on.
    let config = PluginAudioConfiguration { sample_rate: f64::from(rate), min_frames_count: 1, max_frames_count: 512 };
    let mut stopped = inst.activate(|_, _| (), config).expect("activate");
    let params = params_ext(&mut inst);
    let mut input = EventBuffer::with_capacity(1);
    input.push(&ParamValueEvent::new(0, ClapId::new(ParamId::Bypass.index() as u32), Pckn::match_all(), 1.0));
    let mut output = EventBuffer::with_capacity(4);
    params.flush_active(&mut stopped.plugin_handle(), &InputEvents::from_buffer(&input), &mut OutputEvents::from_buffer(&mut output));
    assert_eq!(get_value(&mut inst, ParamId::Bypass), 1.0);
    inst.deactivate(stopped);

    let mut rig = Rig::start(&mut inst, f64::from(rate), 512);
    let bypassed = rig.process(&[512], &crowd[..2 * sec], Some(crowd), &[]);
    assert_eq!(bypassed.main[0], &crowd[..2 * sec], "bypass set by an audio-thread flush passes input through");
    // Main-thread state load while processing: bypass off, dry/wet 1.
    state_ext(&mut inst).load(&inst.plugin_handle(), &mut &music_only[..]).expect("load while active");
    let after = rig.process(&[512], &crowd[2 * sec..], Some(crowd), &[]);
    rig.stop(&mut inst);
    assert!(rms(&after.main[0][sec / 2..]) < 0.1 * rms(&crowd[2 * sec + sec / 2..]), "the loaded state reached the audio thread");
}

#[test]
fn fuzzed_automation_of_every_parameter_stays_finite_and_allocation_free() {
    let (rate, crowd) = crowd_audio(20.0);
    let n = 20 * rate as usize;
    let crowd = &crowd[..n];
    // Deterministic LCG (Knuth's MMIX constants) for times and values.
    let mut state = 0x5eed_u64;
    let mut next = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u32
    };
    let mut events: Vec<(usize, Ev)> = (0..2000)
        .map(|_| {
            let id = ParamId::ALL[next() as usize % ParamId::ALL.len()];
            let info = id.info();
            let v = f64::from(info.min) + f64::from(next()) / f64::from(u32::MAX >> 1) * f64::from(info.max - info.min);
            (next() as usize % n, Ev::Param(id, v))
        })
        .collect();
    events.sort_by_key(|e| e.0);
    let mut inst = new_instance();
    let out = run(&mut inst, f64::from(rate), 256, &[256, 13, 97], crowd, Some(crowd), &events);
    assert_eq!(out.c_allocs + out.rust_allocs, 0);
    for ch in out.main.iter().chain(out.music.iter()) {
        assert!(ch.iter().all(|x| x.is_finite() && x.abs() <= 1.0));
    }
}
