//! Prints the crowd analyser's frame features of a WAV file as TSV (tuning aid).
//!
//! `cargo run -p resonance-engine --example crowd_features -- FILE.wav [every_n_hops]`

use resonance_engine::analysis::probes::{Decimator, FeatureExtractor, Step};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: crowd_features FILE.wav [every_n_hops]");
        std::process::exit(2);
    };
    let every: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let decoded = match resonance_io::decode::decode_file(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mono = decoded.to_mono();
    let mut d = Decimator::new(decoded.sample_rate as f32);
    let mut fx = FeatureExtractor::new();
    println!("sharp\tt\tlfast\tlm\tls\tb0\tb1\tb2\tb3\tb4\tcent\troll\tflat\tflux\tonr\tpkhz\tprom\tshare\tf0\tclar\tper\tperiod");
    for x in mono {
        if let Some(y) = d.push(x)
            && let Some(f) = fx.push(y).and_then(Step::hop)
            && fx.hops().is_multiple_of(every)
        {
            println!(
                "{}\t{:.2}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.0}\t{:.0}\t{:.2}\t{:.2}\t{:.1}\t{:.0}\t{:.1}\t{:.2}\t{:.0}\t{:.2}\t{:.2}\t{:.2}",
                f.sharp_peaks,
                f.end as f32 / 16000.0,
                f.loud_fast,
                f.loud_m,
                f.loud_s,
                f.bands_db[0],
                f.bands_db[1],
                f.bands_db[2],
                f.bands_db[3],
                f.bands_db[4],
                f.centroid_hz,
                f.rolloff_hz,
                f.flatness,
                f.flux,
                f.onset_rate,
                f.peak_hz,
                f.peak_prom_db,
                f.peak_share,
                f.pitch.hz,
                f.pitch.clarity,
                f.periodicity,
                f.period_s
            );
        }
    }
}
