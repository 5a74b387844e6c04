//! Non-real-time decoding of audio files (symphonia) and resampling (rubato).
