//! rt tests
