//! The protocol crate's error type: why a packet, a message or a link address was refused,
//! each saying what to do.

/// Why a packet or message was rejected, or a link could not be configured. `reason()` is the
/// short label the bridge uses in `/metrics`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    #[error("malformed OSC packet: {0}; send OSC 1.0 messages or bundles")]
    Malformed(String),
    #[error("unknown address {0}; see the address table of the resonance-protocol crate")]
    UnknownAddress(String),
    #[error("{addr}: {message}")]
    BadArguments { addr: String, message: String },
    #[error("OSC address `{0}` is not valid; use host:port, e.g. 127.0.0.1:9000")]
    SocketAddress(String),
}

impl ProtocolError {
    /// Short label for metrics.
    pub fn reason(&self) -> &'static str {
        match self {
            ProtocolError::Malformed(_) => "osc_malformed",
            ProtocolError::UnknownAddress(_) => "osc_unknown_address",
            ProtocolError::BadArguments { .. } => "osc_bad_arguments",
            ProtocolError::SocketAddress(_) => "osc_socket_address",
        }
    }
}
