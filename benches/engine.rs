//! Cost of the whole engine per block at 48 kHz stereo, as a share of the real-time budget.
//!
//! `cargo bench --bench engine` runs criterion (statistics in target/criterion) and then prints
//! a table: time per block against the block's real-time budget, for 64- and 512-sample
//! blocks, with real music on the main bus and a real stadium crowd on the sidechain; then the
//! crowd analyser alone (64-sample blocks) and one decision of its reaction classifier.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use resonance_engine::analysis::CrowdAnalyzer;
use resonance_engine::analysis::probes::{Model, N_FEAT, predict};
use resonance_engine::prelude::*;
use resonance_io::decode::decode_file;
use resonance_test_support::test_audio_dir as audio_dir;

const RATE: u32 = 48_000;

fn inputs() -> ([Vec<f32>; 2], Vec<f32>) {
    let dir = audio_dir();
    let music = decode_file(&dir.join("music/battle.ogg")).expect("music").resampled(RATE).expect("resample").to_stereo();
    let crowd = decode_file(&dir.join("crowd/crowd01.wav")).expect("crowd").resampled(RATE).expect("resample").to_mono();
    (music, crowd)
}

struct Rig {
    proc: EngineProcessor,
    handle: EngineHandle,
    block: usize,
    pos: usize,
    l: Vec<f32>,
    r: Vec<f32>,
    sc: Vec<f32>,
}

impl Rig {
    fn new(block: usize) -> Self {
        let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
        let (proc, handle) = Engine::new(EngineConfig::default()).prepare(f64::from(RATE), block, layout).expect("prepare");
        Self { proc, handle, block, pos: 0, l: vec![0.0; block], r: vec![0.0; block], sc: vec![0.0; block] }
    }

    fn step(&mut self, music: &[Vec<f32>; 2], crowd: &[f32]) {
        for i in 0..self.block {
            let k = self.pos + i;
            self.l[i] = music[0][k % music[0].len()];
            self.r[i] = music[1][k % music[1].len()];
            self.sc[i] = crowd[k % crowd.len()];
        }
        let side = [&self.sc[..], &self.sc[..]];
        black_box(self.proc.process(&mut [&mut self.l[..], &mut self.r[..]], Some(&side), None));
        self.pos += self.block;
        if self.pos % (RATE as usize) < self.block {
            self.handle.telemetry.drain().for_each(drop);
            while self.handle.landmarks.pop().is_some() {}
        }
    }
}

fn main() {
    let (music, crowd) = inputs();
    let mut c = Criterion::default().configure_from_args().measurement_time(Duration::from_secs(5));
    {
        let mut g = c.benchmark_group("engine_48k_stereo");
        for block in [64usize, 512] {
            g.throughput(Throughput::Elements(block as u64));
            g.bench_with_input(BenchmarkId::from_parameter(block), &block, |b, &block| {
                let mut rig = Rig::new(block);
                b.iter(|| rig.step(&music, &crowd));
            });
        }
        g.finish();
    }
    {
        let mut g = c.benchmark_group("crowd_analysis_48k");
        g.throughput(Throughput::Elements(64));
        g.bench_function("block_64", |b| {
            let mut a = CrowdAnalyzer::new(RATE as f32);
            let mut at = 0;
            b.iter(|| {
                if at + 64 > crowd.len() {
                    at = 0;
                }
                a.process(black_box(&crowd[at..at + 64]), &mut |t| {
                    black_box(t);
                });
                at += 64;
            });
        });
        let m = Model::default();
        let x: [f32; N_FEAT] = std::array::from_fn(|i| i as f32 * 0.37 - 3.0);
        g.bench_function("reaction_decision", |b| b.iter(|| black_box(predict(&m, black_box(&x)))));
        g.finish();
    }
    c.final_summary();

    // The table: 60 s of audio per block size, wall-clock time against the real-time budget.
    println!("\n| block | time per block | real-time budget | share of budget (one core) |");
    println!("|---:|---:|---:|---:|");
    for block in [64usize, 512] {
        let mut rig = Rig::new(block);
        let blocks = 60 * RATE as usize / block;
        // warm-up: one second
        for _ in 0..(RATE as usize / block) {
            rig.step(&music, &crowd);
        }
        let t = Instant::now();
        for _ in 0..blocks {
            rig.step(&music, &crowd);
        }
        let per_block = t.elapsed().as_secs_f64() / blocks as f64;
        let budget = block as f64 / f64::from(RATE);
        println!("| {block} | {:.2} µs | {:.0} µs | {:.3} % |", per_block * 1e6, budget * 1e6, 100.0 * per_block / budget);
    }

    // The crowd analyser alone (with its reaction classifier), 64-sample blocks over the crowd
    // input looped to 60 s.
    let mut a = CrowdAnalyzer::new(RATE as f32);
    let n = 60 * RATE as usize;
    let t = Instant::now();
    let mut done = 0;
    while done < n {
        for b in crowd.chunks(64) {
            a.process(b, &mut |t| {
                black_box(t);
            });
        }
        done += crowd.len().max(1);
    }
    let share = t.elapsed().as_secs_f64() / (done as f64 / f64::from(RATE));
    println!("\ncrowd analysis alone (64-sample blocks, 48 kHz): {:.3} % of one core", 100.0 * share);
}
