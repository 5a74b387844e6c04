//! The `.vst3` bundle driven through the VST3 API the way a VST3 host drives it: factory ->
//! component -> initialize -> buses -> setState (a state the CLAP saved) -> setupProcessing ->
//! setActive -> process; its output must equal the CLAP's for the same state and input.
//!
//! Interface layouts and IDs are those of the VST3 SDK headers shipped in the clap-wrapper
//! crate (pluginterfaces/base/funknown.h, ibstream.h, ipluginbase.h,
//! vst/ivstcomponent.h, vst/ivstaudioprocessor.h); on Linux COM methods use the C calling
//! convention with `this` first and IDs use the non-COM byte order.
//!
//! A crash in foreign code must not take the other tests down, so the VST3 work runs in a
//! child process (this test binary re-run on the ignored test below).
#![allow(unsafe_code)]

use std::ffi::c_void;

use resonance_engine::ParamId;

use crate::clap_host::run;
use crate::host::{bundle_file, crowd_audio, flush_params, new_instance, state_ext};

const CHILD_ENV: &str = "RESONANCE_VST3_CHILD";
const K_RESULT_OK: i32 = 0;
const K_NO_INTERFACE: i32 = 0x8000_0004_u32 as i32;

/// INLINE_UID in the non-COM byte order (big-endian words).
const fn uid(a: u32, b: u32, c: u32, d: u32) -> [u8; 16] {
    let (a, b, c, d) = (a.to_be_bytes(), b.to_be_bytes(), c.to_be_bytes(), d.to_be_bytes());
    [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3], c[0], c[1], c[2], c[3], d[0], d[1], d[2], d[3]]
}
const IID_ICOMPONENT: [u8; 16] = uid(0xE831_FF31, 0xF2D5_4301, 0x928E_BBEE, 0x2569_7802);
const IID_IAUDIOPROCESSOR: [u8; 16] = uid(0x4204_3F99, 0xB7DA_453C, 0xA569_E79D, 0x9AAE_C33D);

/// `Steinberg::PClassInfo` (pluginterfaces/base/ipluginbase.h).
#[repr(C)]
pub(crate) struct PClassInfo {
    pub(crate) cid: [u8; 16],
    pub(crate) cardinality: i32,
    pub(crate) category: [u8; 32],
    pub(crate) name: [u8; 64],
}

/// `IPluginFactory`'s vtable: FUnknown's three methods, then getFactoryInfo, countClasses,
/// getClassInfo, createInstance. On Linux the COM methods use the C calling convention with
/// `this` first.
#[repr(C)]
pub(crate) struct FactoryVtbl {
    pub(crate) query_interface: *const c_void,
    pub(crate) add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    pub(crate) release: unsafe extern "C" fn(*mut c_void) -> u32,
    pub(crate) get_factory_info: *const c_void,
    pub(crate) count_classes: unsafe extern "C" fn(*mut c_void) -> i32,
    pub(crate) get_class_info: unsafe extern "C" fn(*mut c_void, i32, *mut PClassInfo) -> i32,
    pub(crate) create_instance: unsafe extern "C" fn(*mut c_void, *const u8, *const u8, *mut *mut c_void) -> i32,
}

#[repr(C)]
struct ComponentVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: *const c_void,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    initialize: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i32,
    terminate: unsafe extern "C" fn(*mut c_void) -> i32,
    get_controller_class_id: *const c_void,
    set_io_mode: *const c_void,
    get_bus_count: unsafe extern "C" fn(*mut c_void, i32, i32) -> i32,
    get_bus_info: *const c_void,
    get_routing_info: *const c_void,
    activate_bus: unsafe extern "C" fn(*mut c_void, i32, i32, i32, u8) -> i32,
    set_active: unsafe extern "C" fn(*mut c_void, u8) -> i32,
    set_state: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i32,
    get_state: *const c_void,
}

#[repr(C)]
struct ProcessSetup {
    process_mode: i32,
    symbolic_sample_size: i32,
    max_samples_per_block: i32,
    sample_rate: f64,
}

#[repr(C)]
struct AudioBusBuffers {
    num_channels: i32,
    silence_flags: u64,
    channel_buffers32: *mut *mut f32,
}

#[repr(C)]
struct ProcessData {
    process_mode: i32,
    symbolic_sample_size: i32,
    num_samples: i32,
    num_inputs: i32,
    num_outputs: i32,
    inputs: *mut AudioBusBuffers,
    outputs: *mut AudioBusBuffers,
    input_parameter_changes: *mut c_void,
    output_parameter_changes: *mut c_void,
    input_events: *mut c_void,
    output_events: *mut c_void,
    process_context: *mut c_void,
}

#[repr(C)]
struct ProcessorVtbl {
    query_interface: *const c_void,
    add_ref: *const c_void,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    set_bus_arrangements: *const c_void,
    get_bus_arrangement: *const c_void,
    can_process_sample_size: unsafe extern "C" fn(*mut c_void, i32) -> i32,
    get_latency_samples: unsafe extern "C" fn(*mut c_void) -> u32,
    setup_processing: unsafe extern "C" fn(*mut c_void, *mut ProcessSetup) -> i32,
    set_processing: unsafe extern "C" fn(*mut c_void, u8) -> i32,
    process: unsafe extern "C" fn(*mut c_void, *mut ProcessData) -> i32,
    get_tail_samples: *const c_void,
}

/// A do-nothing `FUnknown` host context (clap-wrapper queries it for IHostApplication).
#[repr(C)]
struct HostContext {
    vtbl: *const UnknownVtbl,
}

#[repr(C)]
struct UnknownVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
}

unsafe extern "C" fn no_interface(_this: *mut c_void, _iid: *const u8, obj: *mut *mut c_void) -> i32 {
    if !obj.is_null() {
        // SAFETY: the caller passes a valid out-pointer.
        unsafe { *obj = std::ptr::null_mut() };
    }
    K_NO_INTERFACE
}
unsafe extern "C" fn one(_this: *mut c_void) -> u32 {
    1
}
static HOST_VTBL: UnknownVtbl = UnknownVtbl { query_interface: no_interface, add_ref: one, release: one };

/// A read-only in-memory `IBStream`.
#[repr(C)]
struct MemStream {
    vtbl: *const StreamVtbl,
    data: Vec<u8>,
    pos: usize,
}

#[repr(C)]
struct StreamVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    read: unsafe extern "C" fn(*mut c_void, *mut c_void, i32, *mut i32) -> i32,
    write: unsafe extern "C" fn(*mut c_void, *mut c_void, i32, *mut i32) -> i32,
    seek: unsafe extern "C" fn(*mut c_void, i64, i32, *mut i64) -> i32,
    tell: unsafe extern "C" fn(*mut c_void, *mut i64) -> i32,
}

unsafe extern "C" fn stream_read(this: *mut c_void, buf: *mut c_void, n: i32, read: *mut i32) -> i32 {
    // SAFETY: `this` is the MemStream we handed out; `buf` has room for `n` bytes.
    unsafe {
        let s = &mut *this.cast::<MemStream>();
        let n = usize::try_from(n).unwrap_or(0).min(s.data.len() - s.pos);
        std::ptr::copy_nonoverlapping(s.data.as_ptr().add(s.pos), buf.cast::<u8>(), n);
        s.pos += n;
        if !read.is_null() {
            *read = n as i32;
        }
    }
    K_RESULT_OK
}
unsafe extern "C" fn stream_write(_this: *mut c_void, _buf: *mut c_void, _n: i32, _written: *mut i32) -> i32 {
    1 // kResultFalse: read-only
}
unsafe extern "C" fn stream_seek(this: *mut c_void, pos: i64, mode: i32, result: *mut i64) -> i32 {
    // SAFETY: `this` is the MemStream we handed out.
    unsafe {
        let s = &mut *this.cast::<MemStream>();
        let base = match mode {
            0 => 0,
            1 => s.pos as i64,
            _ => s.data.len() as i64,
        };
        s.pos = (base + pos).clamp(0, s.data.len() as i64) as usize;
        if !result.is_null() {
            *result = s.pos as i64;
        }
    }
    K_RESULT_OK
}
unsafe extern "C" fn stream_tell(this: *mut c_void, pos: *mut i64) -> i32 {
    // SAFETY: `this` is the MemStream we handed out.
    unsafe {
        if !pos.is_null() {
            *pos = (*this.cast::<MemStream>()).pos as i64;
        }
    }
    K_RESULT_OK
}
static STREAM_VTBL: StreamVtbl = StreamVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    read: stream_read,
    write: stream_write,
    seek: stream_seek,
    tell: stream_tell,
};

const BLOCK: usize = 512;
const SET: [(ParamId, f64); 3] = [(ParamId::DryWet, 0.5), (ParamId::MusicLevel, -12.0), (ParamId::Intensity, 0.7)];

/// State and input shared by both formats.
fn fixture() -> (u32, Vec<f32>, Vec<f32>, Vec<u8>) {
    let (rate, crowd) = crowd_audio(10.0);
    let crowd: Vec<f32> = crowd[..10 * rate as usize].to_vec();
    let programme: Vec<f32> = crowd.iter().rev().map(|x| 0.5 * x).collect();
    let mut inst = new_instance();
    flush_params(&mut inst, &SET);
    let mut state = Vec::new();
    state_ext(&mut inst).save(&inst.plugin_handle(), &mut state).expect("save");
    (rate, programme, crowd, state)
}

/// Runs the VST3 and returns its main output (left channel) as little-endian bytes on stdout.
fn vst3_main_output(rate: u32, programme: &[f32], crowd: &[f32], state: Vec<u8>) -> Vec<f32> {
    let path = bundle_file(&format!("Resonance.vst3/Contents/{}-linux/Resonance.so", std::env::consts::ARCH));
    // SAFETY: loading the plugin library under test; every call below follows the VST3 API
    // contract with the interface layouts declared in this module.
    unsafe {
        let lib = libloading::Library::new(&path).expect("load the VST3 library");
        let module_entry = lib.get::<unsafe extern "C" fn(*mut c_void) -> bool>(b"ModuleEntry").expect("ModuleEntry");
        let module_exit = lib.get::<unsafe extern "C" fn() -> bool>(b"ModuleExit").expect("ModuleExit");
        let get_factory = lib.get::<unsafe extern "system" fn() -> *mut c_void>(b"GetPluginFactory").expect("GetPluginFactory");
        assert!(module_entry(std::ptr::null_mut()));
        let factory = get_factory();
        let fv = &**factory.cast::<*const FactoryVtbl>();
        let mut cid = None;
        for i in 0..(fv.count_classes)(factory) {
            let mut info = PClassInfo { cid: [0; 16], cardinality: 0, category: [0; 32], name: [0; 64] };
            if (fv.get_class_info)(factory, i, &raw mut info) == K_RESULT_OK && info.category.starts_with(b"Audio Module Class\0") {
                cid = Some(info.cid);
            }
        }
        let cid = cid.expect("an audio module class");
        let mut component: *mut c_void = std::ptr::null_mut();
        assert_eq!((fv.create_instance)(factory, cid.as_ptr(), IID_ICOMPONENT.as_ptr(), &raw mut component), K_RESULT_OK);
        let cv = &**component.cast::<*const ComponentVtbl>();
        let mut host = HostContext { vtbl: &raw const HOST_VTBL };
        assert_eq!((cv.initialize)(component, (&raw mut host).cast()), K_RESULT_OK, "initialize");
        assert_eq!((cv.get_bus_count)(component, 0, 0), 2, "audio inputs: main + sidechain");
        assert_eq!((cv.get_bus_count)(component, 0, 1), 2, "audio outputs: main + music");
        assert_eq!((cv.get_bus_count)(component, 1, 0), 1, "one event input");
        assert_eq!((cv.activate_bus)(component, 0, 0, 1, 1), K_RESULT_OK);
        assert_eq!((cv.activate_bus)(component, 0, 1, 1, 1), K_RESULT_OK);
        let mut stream = MemStream { vtbl: &raw const STREAM_VTBL, data: state, pos: 0 };
        assert_eq!((cv.set_state)(component, (&raw mut stream).cast()), K_RESULT_OK, "the CLAP state loads through VST3");
        let mut bad = MemStream { vtbl: &raw const STREAM_VTBL, data: b"garbage".to_vec(), pos: 0 };
        assert_ne!((cv.set_state)(component, (&raw mut bad).cast()), K_RESULT_OK, "garbage state is rejected through VST3");

        let mut processor: *mut c_void = std::ptr::null_mut();
        assert_eq!((cv.query_interface)(component, IID_IAUDIOPROCESSOR.as_ptr(), &raw mut processor), K_RESULT_OK);
        let pv = &**processor.cast::<*const ProcessorVtbl>();
        assert_eq!((pv.can_process_sample_size)(processor, 0), K_RESULT_OK, "32-bit float");
        let mut setup =
            ProcessSetup { process_mode: 0, symbolic_sample_size: 0, max_samples_per_block: BLOCK as i32, sample_rate: f64::from(rate) };
        assert_eq!((pv.setup_processing)(processor, &raw mut setup), K_RESULT_OK);
        assert_eq!((cv.set_active)(component, 1), K_RESULT_OK);
        assert_eq!((pv.get_latency_samples)(processor), 0);
        (pv.set_processing)(processor, 1);

        let mut bufs = vec![vec![0.0f32; BLOCK]; 8];
        let mut out = Vec::with_capacity(programme.len());
        let mut pos = 0;
        while pos < programme.len() {
            let len = BLOCK.min(programme.len() - pos);
            for ch in 0..2 {
                bufs[ch][..len].copy_from_slice(&programme[pos..pos + len]);
                bufs[2 + ch][..len].copy_from_slice(&crowd[pos..pos + len]);
            }
            let mut ptrs: Vec<*mut f32> = bufs.iter_mut().map(Vec::as_mut_ptr).collect();
            let base = ptrs.as_mut_ptr();
            let mut inputs = [
                AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base },
                AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base.add(2) },
            ];
            let mut outputs = [
                AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base.add(4) },
                AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base.add(6) },
            ];
            let mut data = ProcessData {
                process_mode: 0,
                symbolic_sample_size: 0,
                num_samples: len as i32,
                num_inputs: 2,
                num_outputs: 2,
                inputs: inputs.as_mut_ptr(),
                outputs: outputs.as_mut_ptr(),
                input_parameter_changes: std::ptr::null_mut(),
                output_parameter_changes: std::ptr::null_mut(),
                input_events: std::ptr::null_mut(),
                output_events: std::ptr::null_mut(),
                process_context: std::ptr::null_mut(),
            };
            assert_eq!((pv.process)(processor, &raw mut data), K_RESULT_OK, "process");
            out.extend_from_slice(&bufs[4][..len]);
            pos += len;
        }
        (pv.set_processing)(processor, 0);
        assert_eq!((cv.set_active)(component, 0), K_RESULT_OK);
        (pv.release)(processor);
        assert_eq!((cv.terminate)(component), K_RESULT_OK);
        (cv.release)(component);
        (fv.release)(factory);
        assert!(module_exit());
        out
    }
}

/// The child half: runs only when re-executed by the test below.
#[test]
#[ignore = "run by vst3_processes_like_the_clap in a child process"]
fn vst3_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let (rate, programme, crowd, state) = fixture();
    let out = vst3_main_output(rate, &programme, &crowd, state);
    let mut inst = new_instance();
    flush_params(&mut inst, &SET);
    let clap = run(&mut inst, f64::from(rate), BLOCK, &[BLOCK], &programme, Some(&crowd), &[]);
    assert_eq!(out.len(), clap.main[0].len());
    assert!(out.iter().any(|&x| x != 0.0), "the VST3 produced sound");
    assert_eq!(out, clap.main[0], "the VST3 output equals the CLAP output for the same state and input");
}

#[test]
fn vst3_processes_like_the_clap() {
    // Build (if needed) here, not in the child.
    bundle_file(&format!("Resonance.vst3/Contents/{}-linux/Resonance.so", std::env::consts::ARCH));
    let exe = std::env::current_exe().expect("test binary path");
    let out = std::process::Command::new(exe)
        .args(["--exact", "vst3::vst3_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output()
        .expect("run the VST3 child");
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "VST3 child failed ({}):\n{text}", out.status);
    assert!(text.contains("1 passed"), "the VST3 child did not run:\n{text}");
}
