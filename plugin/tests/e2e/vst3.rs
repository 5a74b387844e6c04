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
const IID_IEDITCONTROLLER: [u8; 16] = uid(0xDCD7_BBE3, 0x7742_448D, 0xA874_AACC, 0x979C_759E);
const IID_IMIDIMAPPING: [u8; 16] = uid(0xDF0F_F9F7, 0x49B7_4669, 0xB63A_B732, 0x7ADB_F5E5);
/// `RestartFlags::kParamValuesChanged` (vst/ivsteditcontroller.h).
const K_PARAM_VALUES_CHANGED: i32 = 1 << 2;

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
    get_bus_info: unsafe extern "C" fn(*mut c_void, i32, i32, i32, *mut BusInfo) -> i32,
    get_routing_info: *const c_void,
    activate_bus: unsafe extern "C" fn(*mut c_void, i32, i32, i32, u8) -> i32,
    set_active: unsafe extern "C" fn(*mut c_void, u8) -> i32,
    set_state: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i32,
    get_state: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i32,
}

/// `Steinberg::Vst::BusInfo` (vst/ivstcomponent.h).
#[repr(C)]
struct BusInfo {
    media_type: i32,
    direction: i32,
    channel_count: i32,
    name: [u16; 128],
    bus_type: i32,
    flags: u32,
}
/// `BusTypes::kAux` and `BusInfo::kDefaultActive`.
const K_AUX: i32 = 1;
const K_DEFAULT_ACTIVE: u32 = 1;

/// `IEditController`'s vtable (vst/ivsteditcontroller.h).
#[repr(C)]
struct ControllerVtbl {
    query_interface: *const c_void,
    add_ref: *const c_void,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    initialize: *const c_void,
    terminate: *const c_void,
    set_component_state: *const c_void,
    set_state: *const c_void,
    get_state: *const c_void,
    get_parameter_count: unsafe extern "C" fn(*mut c_void) -> i32,
    get_parameter_info: *const c_void,
    get_param_string_by_value: *const c_void,
    get_param_value_by_string: *const c_void,
    normalized_param_to_plain: *const c_void,
    plain_param_to_normalized: *const c_void,
    get_param_normalized: unsafe extern "C" fn(*mut c_void, u32) -> f64,
    set_param_normalized: *const c_void,
    set_component_handler: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i32,
    create_view: *const c_void,
}

/// A host's `IComponentHandler`: counts `restartComponent` calls with parameter values changed.
#[repr(C)]
struct ComponentHandler {
    vtbl: *const HandlerVtbl,
    value_restarts: std::sync::atomic::AtomicU32,
}

#[repr(C)]
struct HandlerVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    begin_edit: unsafe extern "C" fn(*mut c_void, u32) -> i32,
    perform_edit: unsafe extern "C" fn(*mut c_void, u32, f64) -> i32,
    end_edit: unsafe extern "C" fn(*mut c_void, u32) -> i32,
    restart_component: unsafe extern "C" fn(*mut c_void, i32) -> i32,
}

unsafe extern "C" fn edit_ok(_this: *mut c_void, _id: u32) -> i32 {
    K_RESULT_OK
}
unsafe extern "C" fn perform_ok(_this: *mut c_void, _id: u32, _value: f64) -> i32 {
    K_RESULT_OK
}
unsafe extern "C" fn restart_component(this: *mut c_void, flags: i32) -> i32 {
    if flags & K_PARAM_VALUES_CHANGED != 0 {
        // SAFETY: `this` is the ComponentHandler we handed out.
        unsafe { (*this.cast::<ComponentHandler>()).value_restarts.fetch_add(1, std::sync::atomic::Ordering::SeqCst) };
    }
    K_RESULT_OK
}
static HANDLER_VTBL: HandlerVtbl = HandlerVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    begin_edit: edit_ok,
    perform_edit: perform_ok,
    end_edit: edit_ok,
    restart_component,
};

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
unsafe extern "C" fn stream_append(this: *mut c_void, buf: *mut c_void, n: i32, written: *mut i32) -> i32 {
    // SAFETY: `this` is the MemStream we handed out; `buf` holds `n` bytes.
    unsafe {
        let s = &mut *this.cast::<MemStream>();
        let n = usize::try_from(n).unwrap_or(0);
        s.data.truncate(s.pos);
        s.data.extend_from_slice(std::slice::from_raw_parts(buf.cast::<u8>(), n));
        s.pos += n;
        if !written.is_null() {
            *written = n as i32;
        }
    }
    K_RESULT_OK
}
/// A writable in-memory `IBStream` (for `getState`).
static WRITE_STREAM_VTBL: StreamVtbl = StreamVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    read: stream_read,
    write: stream_append,
    seek: stream_seek,
    tell: stream_tell,
};
static STREAM_VTBL: StreamVtbl = StreamVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    read: stream_read,
    write: stream_write,
    seek: stream_seek,
    tell: stream_tell,
};

/// `IMidiMapping`'s vtable (vst/ivsteditcontroller.h).
#[repr(C)]
struct MidiMappingVtbl {
    query_interface: *const c_void,
    add_ref: *const c_void,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    get_midi_controller_assignment: unsafe extern "C" fn(*mut c_void, i32, i16, i16, *mut u32) -> i32,
}

/// A host's `IParamValueQueue` of one point (vst/ivstparameterchanges.h).
#[repr(C)]
struct ParamQueue {
    vtbl: *const QueueVtbl,
    id: u32,
    offset: i32,
    value: f64,
}

#[repr(C)]
struct QueueVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    get_parameter_id: unsafe extern "C" fn(*mut c_void) -> u32,
    get_point_count: unsafe extern "C" fn(*mut c_void) -> i32,
    get_point: unsafe extern "C" fn(*mut c_void, i32, *mut i32, *mut f64) -> i32,
    add_point: unsafe extern "C" fn(*mut c_void, i32, f64, *mut i32) -> i32,
}

unsafe extern "C" fn queue_id(this: *mut c_void) -> u32 {
    // SAFETY: `this` is a ParamQueue we handed out.
    unsafe { (*this.cast::<ParamQueue>()).id }
}
unsafe extern "C" fn queue_points(_this: *mut c_void) -> i32 {
    1
}
unsafe extern "C" fn queue_point(this: *mut c_void, index: i32, offset: *mut i32, value: *mut f64) -> i32 {
    if index != 0 || offset.is_null() || value.is_null() {
        return 1;
    }
    // SAFETY: `this` is a ParamQueue we handed out; the out-pointers are non-null.
    unsafe {
        let q = &*this.cast::<ParamQueue>();
        *offset = q.offset;
        *value = q.value;
    }
    K_RESULT_OK
}
unsafe extern "C" fn queue_add(_this: *mut c_void, _offset: i32, _value: f64, _index: *mut i32) -> i32 {
    1 // kResultFalse: the host's input queue is read-only
}
static QUEUE_VTBL: QueueVtbl = QueueVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    get_parameter_id: queue_id,
    get_point_count: queue_points,
    get_point: queue_point,
    add_point: queue_add,
};

/// A host's `IParameterChanges` for one block: one point per parameter.
#[repr(C)]
struct ParamChanges {
    vtbl: *const ChangesVtbl,
    queues: Vec<ParamQueue>,
}

#[repr(C)]
struct ChangesVtbl {
    query_interface: unsafe extern "C" fn(*mut c_void, *const u8, *mut *mut c_void) -> i32,
    add_ref: unsafe extern "C" fn(*mut c_void) -> u32,
    release: unsafe extern "C" fn(*mut c_void) -> u32,
    get_parameter_count: unsafe extern "C" fn(*mut c_void) -> i32,
    get_parameter_data: unsafe extern "C" fn(*mut c_void, i32) -> *mut c_void,
    add_parameter_data: unsafe extern "C" fn(*mut c_void, *const u32, *mut i32) -> *mut c_void,
}

unsafe extern "C" fn changes_count(this: *mut c_void) -> i32 {
    // SAFETY: `this` is the ParamChanges we handed out.
    unsafe { (*this.cast::<ParamChanges>()).queues.len() as i32 }
}
unsafe extern "C" fn changes_data(this: *mut c_void, index: i32) -> *mut c_void {
    // SAFETY: `this` is the ParamChanges we handed out.
    let c = unsafe { &mut *this.cast::<ParamChanges>() };
    usize::try_from(index).ok().and_then(|i| c.queues.get_mut(i)).map_or(std::ptr::null_mut(), |q| (&raw mut *q).cast())
}
unsafe extern "C" fn changes_add(_this: *mut c_void, _id: *const u32, _index: *mut i32) -> *mut c_void {
    std::ptr::null_mut()
}
static CHANGES_VTBL: ChangesVtbl = ChangesVtbl {
    query_interface: no_interface,
    add_ref: one,
    release: one,
    get_parameter_count: changes_count,
    get_parameter_data: changes_data,
    add_parameter_data: changes_add,
};

impl ParamChanges {
    /// One change per `(parameter ID, normalised value)`, at sample offset 0.
    fn new(points: &[(u32, f64)]) -> Self {
        Self {
            vtbl: &raw const CHANGES_VTBL,
            queues: points.iter().map(|&(id, value)| ParamQueue { vtbl: &raw const QUEUE_VTBL, id, offset: 0, value }).collect(),
        }
    }
}

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

/// The bundle's library, entered (`ModuleEntry`), and its plugin factory: what a VST3 host
/// holds while it uses the plugin.
struct Vst3Module {
    factory: *mut c_void,
    module_exit: unsafe extern "C" fn() -> bool,
    _lib: libloading::Library,
}

impl Vst3Module {
    /// Loads `target/bundled/Resonance.vst3`'s library, calls `ModuleEntry` and gets the factory.
    fn load() -> Self {
        let path = bundle_file(&format!("Resonance.vst3/Contents/{}-linux/Resonance.so", std::env::consts::ARCH));
        // SAFETY: loading the plugin library under test and calling its three exported entry
        // points with the signatures the VST3 SDK declares for them.
        unsafe {
            let lib = libloading::Library::new(&path).expect("load the VST3 library");
            let module_entry = *lib.get::<unsafe extern "C" fn(*mut c_void) -> bool>(b"ModuleEntry").expect("ModuleEntry");
            let module_exit = *lib.get::<unsafe extern "C" fn() -> bool>(b"ModuleExit").expect("ModuleExit");
            let get_factory = *lib.get::<unsafe extern "system" fn() -> *mut c_void>(b"GetPluginFactory").expect("GetPluginFactory");
            assert!(module_entry(std::ptr::null_mut()));
            Self { factory: get_factory(), module_exit, _lib: lib }
        }
    }

    /// Creates the audio module class's component (`IComponent`).
    fn create_component(&self) -> *mut c_void {
        let factory = self.factory;
        // SAFETY: `factory` is the live IPluginFactory this module returned; the vtable layout
        // and the calls follow the VST3 API as declared in this module.
        unsafe {
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
            component
        }
    }

    /// Releases the factory and calls `ModuleExit`; the library unloads when `self` drops.
    fn close(self) {
        // SAFETY: the factory is still live and every object made from it has been released by
        // the caller; ModuleExit pairs the ModuleEntry of `load`.
        unsafe {
            let fv = &**self.factory.cast::<*const FactoryVtbl>();
            (fv.release)(self.factory);
            assert!((self.module_exit)());
        }
    }
}

/// Runs the VST3 and returns its main output (left channel) as little-endian bytes on stdout.
fn vst3_main_output(rate: u32, programme: &[f32], crowd: &[f32], state: Vec<u8>) -> Vec<f32> {
    // SAFETY: loading the plugin library under test; every call below follows the VST3 API
    // contract with the interface layouts declared in this module.
    unsafe {
        let module = Vst3Module::load();
        let component = module.create_component();
        let cv = &**component.cast::<*const ComponentVtbl>();
        let mut host = HostContext { vtbl: &raw const HOST_VTBL };
        assert_eq!((cv.initialize)(component, (&raw mut host).cast()), K_RESULT_OK, "initialize");
        assert_eq!((cv.get_bus_count)(component, 0, 0), 2, "audio inputs: main + sidechain");
        assert_eq!((cv.get_bus_count)(component, 0, 1), 2, "audio outputs: main + music");
        assert_eq!((cv.get_bus_count)(component, 1, 0), 1, "one event input");
        assert_eq!((cv.activate_bus)(component, 0, 0, 1, 1), K_RESULT_OK);
        assert_eq!((cv.activate_bus)(component, 0, 1, 1, 1), K_RESULT_OK);
        // As VST3 hosts do right after initialize: the controller gets a component handler.
        let mut controller: *mut c_void = std::ptr::null_mut();
        assert_eq!((cv.query_interface)(component, IID_IEDITCONTROLLER.as_ptr(), &raw mut controller), K_RESULT_OK);
        let ctl = &**controller.cast::<*const ControllerVtbl>();
        let mut handler = ComponentHandler { vtbl: &raw const HANDLER_VTBL, value_restarts: 0.into() };
        assert_eq!((ctl.set_component_handler)(controller, (&raw mut handler).cast()), K_RESULT_OK);
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
        (ctl.set_component_handler)(controller, std::ptr::null_mut());
        (ctl.release)(controller);
        assert_eq!((cv.terminate)(component), K_RESULT_OK);
        (cv.release)(component);
        module.close();
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

/// A state with `values` set (through the CLAP), and every parameter's resulting plain value
/// with its VST3 step count (clap-wrapper: max − min for stepped and enum parameters, else 0).
/// (parameter, plain value, min, max, VST3 step count).
type Loaded = (ParamId, f64, f64, f64, i32);

fn state_with(values: &[(ParamId, f64)]) -> (Vec<u8>, Vec<Loaded>) {
    use clack_extensions::params::{ParamInfoBuffer, ParamInfoFlags};
    let mut inst = new_instance();
    flush_params(&mut inst, values);
    let mut state = Vec::new();
    state_ext(&mut inst).save(&inst.plugin_handle(), &mut state).expect("save");
    let params = crate::host::params_ext(&mut inst);
    let mut buf = ParamInfoBuffer::new();
    let plain = ParamId::ALL
        .iter()
        .map(|&id| {
            let info = params.get_info(&inst.plugin_handle(), id.index() as u32, &mut buf).expect("info");
            let stepped = info.flags.intersects(ParamInfoFlags::IS_STEPPED | ParamInfoFlags::IS_ENUM);
            let steps = if stepped { (info.max_value - info.min_value) as i32 } else { 0 };
            (id, crate::host::get_value(&mut inst, id), info.min_value, info.max_value, steps)
        })
        .collect();
    (state, plain)
}

/// clap-wrapper's CLAP → VST3 normalisation (`Vst3Parameter::asVst3Value`).
fn normalized(value: f64, min: f64, max: f64, steps: i32) -> f64 {
    if steps > 0 { (value - min).floor() / f64::from(steps as f32) } else { (value - min) / (max - min) }
}

/// A value other than the default for every parameter.
fn other_values() -> Vec<(ParamId, f64)> {
    ParamId::ALL
        .iter()
        .map(|&id| {
            let e = id.info();
            let (min, max, default) = (f64::from(e.min), f64::from(e.max), f64::from(e.default));
            let v = if (max - min) <= 16.0 && (max - min).fract() == 0.0 {
                if default > min { min } else { (min + 1.0).min(max) }
            } else if (min + 0.3 * (max - min) - default).abs() > 1e-3 {
                min + 0.3 * (max - min)
            } else {
                min + 0.7 * (max - min)
            };
            (id, v)
        })
        .collect()
}

/// Which buses a host connects in [`process_block`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// Every bus with buffers (a DAW with the sidechain and music-only output routed).
    Full,
    /// Both buses of each direction in `ProcessData`, the auxiliary ones inactive with null
    /// sample buffers (VST3 allows it), as an effect slot that routes the main bus only.
    AuxNull,
    /// One input and one output bus in `ProcessData` (OBS's VST3 filter: main pair, no MIDI).
    MainOnly,
}

/// One block of a 440 Hz tone (or 5 % of the rate) of amplitude `amp` on every input through `process`; returns
/// the status, the main output's peak and its silence flags. Asserts the output is finite.
///
/// `changes` are the host's parameter changes for the block.
///
/// # Safety
/// `processor` is a live `IAudioProcessor` with `pv` its vtable.
#[allow(clippy::too_many_arguments)] // a host's process call has this many inputs
unsafe fn process_block(
    pv: &ProcessorVtbl,
    processor: *mut c_void,
    bufs: &mut [Vec<f32>],
    frames: usize,
    (rate, amp): (f64, f64),
    phase: &mut f64,
    layout: Layout,
    changes: Option<&mut ParamChanges>,
) -> (i32, f32, u64) {
    for i in 0..frames {
        let x = (amp * (std::f64::consts::TAU * *phase).sin()) as f32;
        *phase = (*phase + 440.0_f64.min(0.05 * rate) / rate).fract();
        for ch in &mut bufs[..4] {
            ch[i] = x;
        }
        for ch in &mut bufs[4..] {
            ch[i] = f32::NAN; // whatever the plugin leaves unwritten shows
        }
    }
    let mut ptrs: Vec<*mut f32> = bufs.iter_mut().map(Vec::as_mut_ptr).collect();
    let mut nulls = [std::ptr::null_mut::<f32>(); 2];
    let base = ptrs.as_mut_ptr();
    // SAFETY: `ptrs` holds 8 channel pointers, `base.add(6)` is in bounds; the host structs
    // live until `process` returns, as the VST3 API requires.
    unsafe {
        let aux_in = if layout == Layout::Full { base.add(2) } else { nulls.as_mut_ptr() };
        let aux_out = if layout == Layout::Full { base.add(6) } else { nulls.as_mut_ptr() };
        let mut inputs = [
            AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base },
            AudioBusBuffers { num_channels: 2, silence_flags: if layout == Layout::Full { 0 } else { 3 }, channel_buffers32: aux_in },
        ];
        let mut outputs = [
            AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: base.add(4) },
            AudioBusBuffers { num_channels: 2, silence_flags: 0, channel_buffers32: aux_out },
        ];
        let buses = if layout == Layout::MainOnly { 1 } else { 2 };
        let mut data = ProcessData {
            process_mode: 0,
            symbolic_sample_size: 0,
            num_samples: frames as i32,
            num_inputs: buses,
            num_outputs: buses,
            inputs: inputs.as_mut_ptr(),
            outputs: outputs.as_mut_ptr(),
            input_parameter_changes: changes.map_or(std::ptr::null_mut(), |c| (&raw mut *c).cast()),
            output_parameter_changes: std::ptr::null_mut(),
            input_events: std::ptr::null_mut(),
            output_events: std::ptr::null_mut(),
            process_context: std::ptr::null_mut(),
        };
        let status = (pv.process)(processor, &raw mut data);
        let written = if layout == Layout::Full { &bufs[4..] } else { &bufs[4..6] };
        if status == K_RESULT_OK {
            assert!(written.iter().all(|c| c[..frames].iter().all(|x| x.is_finite())), "{rate} Hz, {layout:?}: non-finite output");
        }
        let peak = bufs[4][..frames].iter().fold(0.0f32, |p, x| if x.is_finite() { p.max(x.abs()) } else { p });
        (status, peak, outputs[0].silence_flags)
    }
}

/// A state loaded through `setState` reads back through the controller, for every parameter.
///
/// # Safety
/// `component` and `controller` are the live plugin's interfaces with `cv` and `ctl` theirs.
unsafe fn load_and_read_back(
    cv: &ComponentVtbl,
    component: *mut c_void,
    ctl: &ControllerVtbl,
    controller: *mut c_void,
    what: &str,
    state: &[u8],
    values: &[Loaded],
) {
    let mut stream = MemStream { vtbl: &raw const STREAM_VTBL, data: state.to_vec(), pos: 0 };
    // SAFETY: as the caller promises; the stream outlives the call.
    unsafe {
        assert_eq!((cv.set_state)(component, (&raw mut stream).cast()), K_RESULT_OK, "{what}: setState");
        for &(id, value, min, max, steps) in values {
            let expected = normalized(value, min, max, steps);
            let got = (ctl.get_param_normalized)(controller, id.index() as u32);
            assert!((got - expected).abs() < 1e-6, "{what}: {} reads {got} after setState, expected {expected}", id.info().id);
        }
    }
}

/// What Steinberg's validator checks, through the VST3 API: the parameter list a host sees,
/// the buses it is offered, every parameter's value read back by the controller after each
/// `setState` (with and without a component handler: `with_handler: false` is the
/// validator's order), `setupProcessing` refusing what activation would refuse, calls in an
/// unexpected order, state loads while processing, and the three bus layouts hosts use, at
/// every rate a host may use, with 0- and 1-sample blocks.
fn vst3_host_checks(with_handler: bool) {
    let (state_a, values_a) = state_with(&other_values());
    let (state_b, values_b) = state_with(&[]);
    let (state_bypassed, _) = state_with(&[(ParamId::Bypass, 1.0)]);
    // SAFETY: as in `vst3_main_output`.
    unsafe {
        let module = Vst3Module::load();
        let component = module.create_component();
        let cv = &**component.cast::<*const ComponentVtbl>();
        let mut host = HostContext { vtbl: &raw const HOST_VTBL };
        assert_eq!((cv.initialize)(component, (&raw mut host).cast()), K_RESULT_OK, "initialize");
        let mut controller: *mut c_void = std::ptr::null_mut();
        assert_eq!((cv.query_interface)(component, IID_IEDITCONTROLLER.as_ptr(), &raw mut controller), K_RESULT_OK);
        let ctl = &**controller.cast::<*const ControllerVtbl>();
        let mut handler = ComponentHandler { vtbl: &raw const HANDLER_VTBL, value_restarts: 0.into() };
        if with_handler {
            assert_eq!((ctl.set_component_handler)(controller, (&raw mut handler).cast()), K_RESULT_OK);
        }

        let count = (ctl.get_parameter_count)(controller);
        eprintln!("a VST3 host sees {count} parameters");
        assert!(count as usize >= ParamId::ALL.len() && count <= 64, "{count} parameters: the list must be usable");

        // Buses: main in/out active by default; the sidechain and the music-only output are
        // auxiliary and inactive until the host routes them.
        for (dir, index, aux) in [(0, 0, false), (0, 1, true), (1, 0, false), (1, 1, true)] {
            let mut info = BusInfo { media_type: 0, direction: 0, channel_count: 0, name: [0; 128], bus_type: 0, flags: 0 };
            assert_eq!((cv.get_bus_info)(component, 0, dir, index, &raw mut info), K_RESULT_OK);
            let name = String::from_utf16_lossy(&info.name[..info.name.iter().position(|&c| c == 0).unwrap_or(128)]);
            assert_eq!(info.bus_type == K_AUX, aux, "audio bus {dir}/{index} ({name}): aux = {aux}");
            assert_eq!(info.flags & K_DEFAULT_ACTIVE != 0, !aux, "audio bus {dir}/{index} ({name}): active by default = {}", !aux);
        }

        for (what, state, values) in
            [("other values", &state_a, &values_a), ("defaults", &state_b, &values_b), ("other values", &state_a, &values_a)]
        {
            let restarts = handler.value_restarts.load(std::sync::atomic::Ordering::SeqCst);
            load_and_read_back(cv, component, ctl, controller, what, state, values);
            if with_handler {
                assert_eq!(
                    handler.value_restarts.load(std::sync::atomic::Ordering::SeqCst),
                    restarts + 1,
                    "the host is told values changed"
                );
            }
        }

        let mut processor: *mut c_void = std::ptr::null_mut();
        assert_eq!((cv.query_interface)(component, IID_IAUDIOPROCESSOR.as_ptr(), &raw mut processor), K_RESULT_OK);
        let pv = &**processor.cast::<*const ProcessorVtbl>();
        let mut bufs = vec![vec![0.0f32; 256]; 8];
        let mut phase = 0.0;
        let status = process_block(pv, processor, &mut bufs, 16, (48_000.0, 0.25), &mut phase, Layout::Full, None).0;
        assert_ne!(status, K_RESULT_OK, "process before setActive is refused");

        // What activation would refuse, setupProcessing refuses (and recovers after).
        for rate in [0.0, 500.0, 5_000_000.0, f64::NAN, f64::INFINITY, -48_000.0] {
            let mut setup = ProcessSetup { process_mode: 0, symbolic_sample_size: 0, max_samples_per_block: 256, sample_rate: rate };
            assert_ne!((pv.setup_processing)(processor, &raw mut setup), K_RESULT_OK, "{rate} Hz accepted by setupProcessing");
        }

        let layouts = [Layout::Full, Layout::AuxNull, Layout::MainOnly];
        let rates = [1_000.0, 1_234.567_8, 12_345.678, 44_100.0, 123_456.78, 384_000.0, 768_000.0];
        for (r, rate) in rates.into_iter().enumerate() {
            let layout = layouts[r % layouts.len()];
            let mut setup = ProcessSetup { process_mode: 0, symbolic_sample_size: 0, max_samples_per_block: 256, sample_rate: rate };
            assert_eq!((pv.setup_processing)(processor, &raw mut setup), K_RESULT_OK, "{rate} Hz setup");
            assert_eq!((cv.set_active)(component, 1), K_RESULT_OK, "{rate} Hz: setupProcessing accepted it, so setActive must too");
            assert_ne!((cv.set_active)(component, 1), K_RESULT_OK, "a second setActive(true) is refused");
            (pv.set_processing)(processor, 1);
            let mut peak = 0.0f32;
            for (k, frames) in [0, 1, 256, 1, 0, 256, 256, 256].into_iter().enumerate() {
                if k == 4 {
                    // A state load between blocks while processing (a host's undo or preset).
                    load_and_read_back(cv, component, ctl, controller, "while processing", &state_b, &values_b);
                }
                let (status, p, flags) = process_block(pv, processor, &mut bufs, frames, (rate, 0.25), &mut phase, layout, None);
                assert_eq!(status, K_RESULT_OK, "{rate} Hz, {frames} frames, {layout:?}");
                for ch in 0..2 {
                    let zero = bufs[4 + ch][..frames].iter().all(|&x| x == 0.0);
                    assert!(flags >> ch & 1 == 0 || zero, "{rate} Hz, {layout:?}: channel {ch} flagged silent but sounds");
                }
                peak = peak.max(p);
            }
            (pv.set_processing)(processor, 0);
            assert_eq!((cv.set_active)(component, 0), K_RESULT_OK);
            assert!(peak > 0.0, "{rate} Hz, {layout:?}: the VST3 produced sound");
        }

        ccs_move_their_parameters(cv, component, ctl, controller, pv, processor, &state_b);

        // Bypassed with silent input: a silent main output, flagged silent in VST3.
        let mut stream = MemStream { vtbl: &raw const STREAM_VTBL, data: state_bypassed, pos: 0 };
        assert_eq!((cv.set_state)(component, (&raw mut stream).cast()), K_RESULT_OK);
        assert!((ctl.get_param_normalized)(controller, ParamId::Bypass.index() as u32) > 0.5, "bypass persists in the controller");
        let mut setup = ProcessSetup { process_mode: 0, symbolic_sample_size: 0, max_samples_per_block: 256, sample_rate: 48_000.0 };
        assert_eq!((pv.setup_processing)(processor, &raw mut setup), K_RESULT_OK);
        assert_eq!((cv.set_active)(component, 1), K_RESULT_OK);
        (pv.set_processing)(processor, 1);
        let (status, _, flags) = process_block(pv, processor, &mut bufs, 256, (48_000.0, 0.0), &mut phase, Layout::MainOnly, None);
        assert_eq!(status, K_RESULT_OK);
        assert!(bufs[4].iter().all(|&x| x == 0.0), "bypassed silence stays silent");
        assert_eq!(flags & 3, 3, "silent main output flagged silent");
        (pv.set_processing)(processor, 0);
        assert_eq!((cv.set_active)(component, 0), K_RESULT_OK);

        (pv.release)(processor);
        if with_handler {
            (ctl.set_component_handler)(controller, std::ptr::null_mut());
        }
        (ctl.release)(controller);
        assert_eq!((cv.terminate)(component), K_RESULT_OK);
        (cv.release)(component);
        module.close();
    }
}

/// MIDI CC control without MIDI learn and without MIDI-mapping parameters, the way a VST3
/// host does it: the host asks `IMidiMapping` which parameter a controller moves, then sends
/// the controller value (value / 127) as that parameter's change in `process`. Every CC of
/// the plugin's map lands on the plugin's own parameter, on any channel, at the value a CLAP
/// host's MIDI CC gives it (read back through `getState`); unmapped controllers, other buses
/// and out-of-range channels map to nothing.
///
/// # Safety
/// The interfaces are the live plugin's, with their vtables.
unsafe fn ccs_move_their_parameters(
    cv: &ComponentVtbl,
    component: *mut c_void,
    ctl: &ControllerVtbl,
    controller: *mut c_void,
    pv: &ProcessorVtbl,
    processor: *mut c_void,
    defaults: &[u8],
) {
    use resonance_plugin::params::{CC_MAP, cc_to_param};
    // SAFETY: as the caller promises; every host struct outlives the call it is passed to.
    unsafe {
        let mut mapping: *mut c_void = std::ptr::null_mut();
        assert_eq!((cv.query_interface)(component, IID_IMIDIMAPPING.as_ptr(), &raw mut mapping), K_RESULT_OK, "IMidiMapping offered");
        let mv = &**mapping.cast::<*const MidiMappingVtbl>();
        let assigned = |bus: i32, channel: i16, cc: i16| {
            let mut id = u32::MAX;
            ((mv.get_midi_controller_assignment)(mapping, bus, channel, cc, &raw mut id) == K_RESULT_OK).then_some(id)
        };
        for &(cc, param) in CC_MAP {
            for channel in [0, 9, 15] {
                assert_eq!(assigned(0, channel, i16::from(cc)), Some(param.index() as u32), "CC {cc} on channel {channel}");
            }
            assert_eq!(assigned(1, 0, i16::from(cc)), None, "CC {cc} on a second event bus");
            assert_eq!(assigned(0, 16, i16::from(cc)), None, "CC {cc} on channel 17");
        }
        for cc in [0, 2, 63, 127, 128, 129, 130, -1] {
            assert_eq!(assigned(0, 0, cc), None, "controller {cc} is not mapped");
        }
        let count = (ctl.get_parameter_count)(controller);
        assert!(count as usize == ParamId::ALL.len(), "{count} parameters with MIDI mapping on: no MIDI-mapping entries");

        let mut stream = MemStream { vtbl: &raw const STREAM_VTBL, data: defaults.to_vec(), pos: 0 };
        assert_eq!((cv.set_state)(component, (&raw mut stream).cast()), K_RESULT_OK);
        let mut setup = ProcessSetup { process_mode: 0, symbolic_sample_size: 0, max_samples_per_block: 256, sample_rate: 48_000.0 };
        assert_eq!((pv.setup_processing)(processor, &raw mut setup), K_RESULT_OK);
        assert_eq!((cv.set_active)(component, 1), K_RESULT_OK);
        (pv.set_processing)(processor, 1);
        let mut bufs = vec![vec![0.0f32; 256]; 8];
        let mut phase = 0.0;
        // Controller values away from every default, as the host scales them.
        let sent: Vec<(u8, u8)> = CC_MAP.iter().zip([100u8, 0, 13, 127, 90, 64]).map(|(&(cc, _), v)| (cc, v)).collect();
        let points: Vec<(u32, f64)> =
            sent.iter().map(|&(cc, v)| (assigned(0, 0, i16::from(cc)).expect("mapped"), f64::from(v) / 127.0)).collect();
        let mut changes = ParamChanges::new(&points);
        let (status, ..) = process_block(pv, processor, &mut bufs, 256, (48_000.0, 0.25), &mut phase, Layout::MainOnly, Some(&mut changes));
        assert_eq!(status, K_RESULT_OK);
        (pv.set_processing)(processor, 0);
        assert_eq!((cv.set_active)(component, 0), K_RESULT_OK);

        let mut saved = MemStream { vtbl: &raw const WRITE_STREAM_VTBL, data: Vec::new(), pos: 0 };
        assert_eq!((cv.get_state)(component, (&raw mut saved).cast()), K_RESULT_OK, "getState");
        let values = resonance_plugin::state::decode(&saved.data).expect("the VST3's state decodes");
        let default_values = resonance_plugin::state::decode(defaults).expect("defaults decode");
        for &(cc, v) in &sent {
            let (param, want) = cc_to_param(cc, v).expect("mapped");
            let want = resonance_plugin::params::canonical(param, want);
            let got = values.get(param);
            assert!((got - want).abs() < 1e-4, "CC {cc} = {v}: {} is {got}, a CLAP host's CC gives {want}", param.info().id);
            assert_ne!(got, default_values.get(param), "CC {cc} = {v} moved {}", param.info().id);
        }
        (mv.release)(mapping);
    }
}

#[test]
#[ignore = "run by vst3_host_checks_pass in a child process"]
fn vst3_host_checks_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    vst3_host_checks(std::env::var_os("RESONANCE_VST3_WITH_HANDLER").is_some());
}

/// Runs [`vst3_host_checks`] in a child process, with or without a component handler.
fn host_checks_in_child(with_handler: bool) {
    bundle_file(&format!("Resonance.vst3/Contents/{}-linux/Resonance.so", std::env::consts::ARCH));
    let exe = std::env::current_exe().expect("test binary path");
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["--exact", "vst3::vst3_host_checks_child", "--ignored", "--nocapture", "--test-threads=1"]).env(CHILD_ENV, "1");
    if with_handler {
        cmd.env("RESONANCE_VST3_WITH_HANDLER", "1");
    } else {
        cmd.env_remove("RESONANCE_VST3_WITH_HANDLER");
    }
    let out = cmd.output().expect("run the VST3 child");
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{}", text.lines().filter(|l| l.contains("VST3 host sees")).collect::<Vec<_>>().join("\n"));
    assert!(out.status.success(), "VST3 child failed ({}):\n{text}", out.status);
    assert!(text.contains("1 passed"), "the VST3 child did not run:\n{text}");
}

/// The validator's order: no component handler, state loads; every value still reads back.
#[test]
fn vst3_state_loads_without_a_component_handler_keep_values_in_sync() {
    host_checks_in_child(false);
}

/// A DAW's order: a component handler set right after `initialize`, told of each load.
#[test]
fn vst3_host_checks_pass() {
    host_checks_in_child(true);
}
