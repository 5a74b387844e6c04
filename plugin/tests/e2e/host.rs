//! A minimal CLAP host built on clack-host, used the way a DAW uses a plugin: load the bundle,
//! instantiate, query extensions on the main thread, activate, process blocks with events,
//! deactivate. Also finds the bundles and loads the real crowd recordings.
#![allow(unsafe_code)]

use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use clack_extensions::params::{
    HostParams, HostParamsImplMainThread, HostParamsImplShared, ParamClearFlags, ParamRescanFlags, PluginParams,
};
use clack_extensions::state::PluginState;
use clack_host::events::event_types::ParamValueEvent;
use clack_host::prelude::*;
use resonance_engine::ParamId;

/// Host-side state shared with the plugin's callbacks.
#[derive(Default)]
pub struct Shared {
    pub rescans: AtomicU32,
    pub rescan_flags: AtomicU32,
}

impl SharedHandler<'_> for Shared {
    fn request_restart(&self) {}
    fn request_process(&self) {}
    fn request_callback(&self) {}
}

impl HostParamsImplShared for Shared {
    fn request_flush(&self) {}
}

pub struct MainThread<'a> {
    shared: &'a Shared,
}

impl<'a> MainThreadHandler<'a> for MainThread<'a> {}

impl HostParamsImplMainThread for MainThread<'_> {
    fn rescan(&self, flags: ParamRescanFlags) {
        self.shared.rescans.fetch_add(1, Ordering::SeqCst);
        self.shared.rescan_flags.store(flags.bits(), Ordering::SeqCst);
    }

    fn clear(&self, _param_id: ClapId, _flags: ParamClearFlags) {}
}

pub struct TestHost;

impl HostHandlers for TestHost {
    type Shared<'a> = Shared;
    type MainThread<'a> = MainThread<'a>;
    type AudioProcessor<'a> = ();

    fn declare_extensions(builder: &mut HostExtensions<Self>, _shared: &Shared) {
        builder.register::<HostParams>();
    }
}

fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Where `cargo xtask bundle` writes (`target/bundled`, or `$CARGO_TARGET_DIR/bundled`), or
/// `RESONANCE_BUNDLE_DIR`.
pub fn bundle_dir() -> PathBuf {
    // where `cargo xtask bundle` writes: `$CARGO_TARGET_DIR/bundled` when that is set
    std::env::var_os("RESONANCE_BUNDLE_DIR").map_or_else(
        || {
            let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace_root().join("target"), |t| workspace_root().join(t));
            target.join("bundled")
        },
        PathBuf::from,
    )
}

fn newest_source(dir: &Path) -> std::time::SystemTime {
    let mut newest = std::time::SystemTime::UNIX_EPOCH;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            let t = if p.is_dir() { newest_source(&p) } else { e.metadata().and_then(|m| m.modified()).unwrap_or(newest) };
            newest = newest.max(t);
        }
    }
    newest
}

const BUNDLE_COMMAND: &str = "cargo xtask bundle resonance-plugin --release";

/// When the bundle is missing or older than the plugin/engine sources (and the VST3 wrapper's).
fn bundle_problem(path: &Path) -> Option<String> {
    let Ok(built) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return Some(format!("{} not found", path.display()));
    };
    let root = workspace_root();
    let src = ["plugin/src", "plugin/vendor/clap-wrapper/external/clap-wrapper/src", "engine/src", "presets"]
        .into_iter()
        .map(|d| newest_source(&root.join(d)))
        .fold(std::time::SystemTime::UNIX_EPOCH, std::time::SystemTime::max);
    (built < src).then(|| format!("{} is older than the plugin/engine sources", path.display()))
}

static BUNDLED: OnceLock<()> = OnceLock::new();

/// Builds the bundles once per test process when the default ones are missing or stale, as
/// `cargo xtask bundle resonance-plugin --release` (CI may run that first; then this is a
/// no-op). With `RESONANCE_BUNDLE_DIR` set the bundles there are used as they are.
fn ensure_bundles() {
    if std::env::var_os("RESONANCE_BUNDLE_DIR").is_some() {
        return;
    }
    BUNDLED.get_or_init(|| {
        if bundle_problem(&bundle_dir().join("Resonance.clap")).is_none() {
            return;
        }
        eprintln!("e2e: building the plugin bundles ({BUNDLE_COMMAND})");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = std::process::Command::new(cargo)
            .current_dir(workspace_root())
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bundle", "resonance-plugin", "--release"])
            .status()
            .unwrap_or_else(|e| panic!("could not run the bundler: {e}; run `{BUNDLE_COMMAND}` by hand"));
        assert!(status.success(), "the bundler failed ({status}); run `{BUNDLE_COMMAND}` to see why");
    });
}

/// Path of a bundle file (built first if needed), failing with what to run when it is
/// missing or older than the plugin's sources.
pub fn bundle_file(relative: &str) -> PathBuf {
    ensure_bundles();
    let path = bundle_dir().join(relative);
    if let Some(problem) = bundle_problem(&path) {
        panic!("{problem}: run `{BUNDLE_COMMAND}`");
    }
    path
}

static BRIDGE: OnceLock<UdpSocket> = OnceLock::new();

/// A UDP socket standing in for the bridge. Every plugin instance in this process sends its
/// telemetry here: the environment is set once, before the first instance is created.
pub fn fake_bridge() -> &'static UdpSocket {
    BRIDGE.get_or_init(|| {
        let s = UdpSocket::bind("127.0.0.1:0").expect("bind a local UDP socket for the fake bridge");
        s.set_read_timeout(Some(std::time::Duration::from_millis(200))).expect("set a read timeout");
        let addr = s.local_addr().expect("local address").to_string();
        // SAFETY: runs once, before any plugin instance (the only reader of these variables)
        // exists; Rust's own env functions serialise through std's environment lock.
        unsafe {
            std::env::set_var("RESONANCE_OSC_BRIDGE", &addr);
            std::env::set_var("RESONANCE_OSC_LISTEN", "127.0.0.1:0");
        }
        s
    })
}

static ENTRY: OnceLock<PluginEntry> = OnceLock::new();

/// The loaded `.clap` (loaded once per process, as hosts do).
pub fn entry() -> &'static PluginEntry {
    fake_bridge();
    ENTRY.get_or_init(|| {
        let path = bundle_file("Resonance.clap");
        // SAFETY: loading a CLAP library runs its initialisers; this is the plugin under test.
        unsafe { PluginEntry::load(&path) }.unwrap_or_else(|e| panic!("loading {}: {e}", path.display()))
    })
}

pub fn host_info() -> HostInfo {
    HostInfo::new("Resonance e2e", "Resonance", "https://example.invalid", "0.1.0").expect("host info")
}

/// Serialises instance creation, so the OSC test can tell its instance's hello apart.
pub static CREATE: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub fn new_instance() -> PluginInstance<TestHost> {
    let _guard = CREATE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    create_instance()
}

/// Creates an instance without taking [`CREATE`] (the caller holds it).
pub fn create_instance() -> PluginInstance<TestHost> {
    PluginInstance::<TestHost>::new(
        |()| Shared::default(),
        |shared| MainThread { shared },
        entry(),
        c"org.resonance.resonance",
        &host_info(),
    )
    .expect("instantiate Resonance")
}

pub fn params_ext(instance: &mut PluginInstance<TestHost>) -> PluginParams {
    instance.plugin_handle().get_extension().expect("Resonance exposes the params extension")
}

pub fn state_ext(instance: &mut PluginInstance<TestHost>) -> PluginState {
    instance.plugin_handle().get_extension().expect("Resonance exposes the state extension")
}

pub fn get_value(instance: &mut PluginInstance<TestHost>, id: ParamId) -> f64 {
    let p = params_ext(instance);
    p.get_value(&instance.plugin_handle(), ClapId::new(id.index() as u32)).expect("value of a valid parameter")
}

/// Sets parameters through `params.flush` on the main thread (plugin inactive), as a host does
/// when the user moves a control while transport is stopped.
pub fn flush_params(instance: &mut PluginInstance<TestHost>, values: &[(ParamId, f64)]) {
    let p = params_ext(instance);
    let mut input = EventBuffer::with_capacity(values.len());
    for &(id, v) in values {
        input.push(&ParamValueEvent::new(0, ClapId::new(id.index() as u32), Pckn::match_all(), v));
    }
    let mut output = EventBuffer::with_capacity(16);
    let mut handle = instance.inactive_plugin_handle().expect("flush_params is for an inactive plugin");
    p.flush(&mut handle, &InputEvents::from_buffer(&input), &mut OutputEvents::from_buffer(&mut output));
}

/// Concatenated mono crowd recordings (their native 22050 Hz), at least `min_seconds` long
/// (the set is repeated if needed).
pub fn crowd_audio(min_seconds: f64) -> (u32, Vec<f32>) {
    let dir = resonance_test_support::test_audio_dir().join("crowd");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}. Real crowd recordings are needed: run `../shared/data/fetch-test-audio.sh target/test-audio` or set RESONANCE_TEST_AUDIO",
                dir.display()
            )
        })
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wav"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .wav files in {}: run ../shared/data/fetch-test-audio.sh", dir.display());
    let mut rate = 0;
    let mut one_pass = Vec::new();
    for f in &files {
        let mut r = hound::WavReader::open(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let spec = r.spec();
        rate = spec.sample_rate;
        let scale = 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32;
        let ch = usize::from(spec.channels);
        let samples: Vec<f32> = r.samples::<i32>().map(|s| s.expect("valid sample") as f32 * scale).collect();
        one_pass.extend(samples.chunks(ch).map(|c| c.iter().sum::<f32>() / ch as f32));
    }
    let mut out = one_pass.clone();
    while (out.len() as f64) < min_seconds * f64::from(rate) {
        out.extend_from_slice(&one_pass);
    }
    (rate, out)
}
