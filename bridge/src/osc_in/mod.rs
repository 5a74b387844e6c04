//! OSC in: the UDP socket engines and games send to, received in batches and decoded with
//! the `resonance-protocol` codec ([`crate::osc`]); who may send is decided by the [`guard`]
//! (trusted addresses, OSC tokens, a per-source rate limit); engine reports are applied in
//! [`engine`], game telemetry in `telemetry::ingest`. Also the engines API
//! (`/api/v1/engines`, `/api/v1/midi/learn`), which talks to the engines heard here.

pub mod engine;
pub mod guard;
/// The engines API (imported by path, as every route module that `state`-level code must not see).
pub mod routes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use tokio::net::UdpSocket;

use crate::osc;
use crate::osc_in::guard::Guard;
use crate::state::AppState;

/// Binds the OSC socket with a 4 MiB receive buffer (the kernel caps it at `rmem_max`), so a
/// burst of tens of thousands of messages is queued rather than dropped.
pub fn bind_udp(addr: SocketAddr) -> std::io::Result<UdpSocket> {
    let s = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::DGRAM, Some(socket2::Protocol::UDP))?;
    let _ = s.set_recv_buffer_size(4 << 20);
    s.set_nonblocking(true)?;
    s.bind(&addr.into())?;
    UdpSocket::from_std(s.into())
}

/// Most OSC messages handled per batch.
const OSC_BATCH: usize = 4096;

/// Receives OSC datagrams in batches: waits for one, then takes every datagram already queued
/// on the socket (up to `OSC_BATCH` messages) and hands the batch to the state, which
/// coalesces state frames per batch. An idle loop wakes per datagram (no added latency); a
/// busy one amortises locking, the director and publishing over the batch.
pub async fn osc_loop(state: AppState, sock: Arc<UdpSocket>) {
    let mut buf = vec![0u8; osc::MAX_PACKET + 1];
    let mut batch: Vec<(SocketAddr, osc::Inbound)> = Vec::with_capacity(OSC_BATCH);
    let m = &state.inner.metrics;
    let mut guard = Guard::new(&state.inner.config);
    loop {
        let Ok((n, peer)) = sock.recv_from(&mut buf).await else { continue };
        let now = Instant::now();
        decode_into(&state, &mut guard, now, &buf[..n], peer, &mut batch);
        while batch.len() < OSC_BATCH {
            match sock.try_recv_from(&mut buf) {
                Ok((n, peer)) => decode_into(&state, &mut guard, now, &buf[..n], peer, &mut batch),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                // ICMP errors from earlier sends (port unreachable) and the like: keep reading.
                Err(_) => {}
            }
        }
        if batch.is_empty() {
            continue;
        }
        m.osc_batches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        m.osc_batch_messages.fetch_add(batch.len() as u64, std::sync::atomic::Ordering::Relaxed);
        state.handle_batch(&mut batch).await;
    }
}

/// Decodes one datagram (a message or a bundle) into `batch`; malformed input is counted, and
/// so is what the guard refuses (over the source's rate: `osc_rate_limited`; not trusted and
/// not authenticated: `osc_unauthenticated`).
fn decode_into(
    state: &AppState,
    guard: &mut Guard,
    now: Instant,
    data: &[u8],
    peer: SocketAddr,
    batch: &mut Vec<(SocketAddr, osc::Inbound)>,
) {
    if !guard.admit(peer, now) {
        state.inner.metrics.reject("osc_rate_limited");
        return;
    }
    if data.len() > osc::MAX_PACKET {
        state.inner.metrics.reject("osc_malformed");
        return;
    }
    match osc::decode_packet(data) {
        Ok(msgs) => {
            for m in msgs {
                match m {
                    Ok(m) if guard.allows(peer, &m, now) => batch.push((peer, m)),
                    Ok(_) => state.inner.metrics.reject("osc_unauthenticated"),
                    Err(e) => {
                        tracing::debug!("OSC from {peer}: {e}");
                        state.inner.metrics.reject(e.reason());
                    }
                }
            }
        }
        Err(e) => {
            tracing::debug!("OSC from {peer}: {e}");
            state.inner.metrics.reject(e.reason());
        }
    }
}
