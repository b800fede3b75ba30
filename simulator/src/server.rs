//! The HTTP front: connections, request ids, body limits, auth and logging.
//!
//! hyper's HTTP/1.1 server on a small tokio runtime: every connection is a task, so clients that keep
//! connections open between requests (hyper, undici) cost nothing while they idle, and a new
//! connection never waits for a free thread. Route handlers are synchronous and short.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::oneshot;

use crate::config::Config;
use crate::http::{Reply, ReplyBody};
use crate::rate_limit::{route_of, RateLimiter};
use crate::request_log::LoggedRequest;
use crate::routes::{self, ApiRequest};
use crate::state::State;
use crate::token::{is_plausible_token, random_request_id, random_token};

/// Base path of the simulated API.
pub const API_BASE: &str = "/api/v2";
/// Pending connections the kernel queues for us: many clients open hundreds at once, and the
/// standard library's 128 would drop the rest until they retry.
const BACKLOG: u32 = 1024;
/// Base path of the test hooks.
pub const HOOKS_BASE: &str = "/__sim";
/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How much of a too-large body is still read (and dropped) before the 413, so that a client that
/// writes its whole body before reading gets the answer instead of a reset connection.
const MAX_DRAINED_BYTES: usize = 64 * MAX_BODY_BYTES;
/// Pause after a failed `accept` (such as too many open files) before trying again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// A running simulator. Dropping it stops serving, closes every connection and frees the port.
pub struct Handle {
    port: u16,
    seed_key: String,
    seed_key_generated: bool,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    state: Arc<Mutex<State>>,
}

impl Handle {
    /// The port bound on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT/api/v2`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, API_BASE)
    }

    /// Token of the seeded personal key.
    pub fn seed_key(&self) -> &str {
        &self.seed_key
    }

    /// True when the seed key was generated rather than configured.
    pub fn seed_key_generated(&self) -> bool {
        self.seed_key_generated
    }

    /// Runs `f` with exclusive access to the simulator state.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut lock(&self.state))
    }

    /// Blocks until the server exits (which only happens after `stop`).
    pub fn wait(mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }

    /// Stops serving and waits for the server to finish.
    pub fn stop(self) {
        // Drop does the work.
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

/// Binds 127.0.0.1:`config.port`, seeds the state and starts serving.
pub fn start(config: Config) -> io::Result<Handle> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.workers.max(1))
        .thread_name("neon-sim-worker")
        .enable_io()
        .build()?;
    let listener = {
        let _context = runtime.enter();
        listen(config.port)?
    };
    let port = listener.local_addr()?.port();

    let (seed_key, seed_key_generated) = match config.seed_key {
        Some(key) => (key, false),
        None => (random_token(), true),
    };
    let mut seeded = State::seeded(&seed_key, &config.seed_org);
    seeded.org_key_linger = std::time::Duration::from_millis(config.org_key_linger_ms);
    seeded.rate_limiter = config.rate_limit.map(RateLimiter::new);
    seeded.seed_fleet(config.preview_branches);
    let state = Arc::new(Mutex::new(seeded));
    let (stop, stopped) = oneshot::channel();

    let server = {
        let state = state.clone();
        thread::Builder::new()
            .name("neon-sim-accept".to_string())
            .spawn(move || {
                runtime.block_on(accept_until(stopped, listener, state));
                // Dropping the runtime drops every connection task, closing their sockets.
                drop(runtime);
            })?
    };
    Ok(Handle {
        port,
        seed_key,
        seed_key_generated,
        stop: Some(stop),
        server: Some(server),
        state,
    })
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A listener on 127.0.0.1 with a long accept queue.
fn listen(port: u16) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    socket.listen(BACKLOG)
}

/// Accepts connections, each served by its own task, until `stopped` fires (or its sender is
/// dropped).
async fn accept_until(mut stopped: oneshot::Receiver<()>, listener: TcpListener, state: Arc<Mutex<State>>) {
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    tokio::spawn(serve_connection(stream, peer, state.clone()));
                }
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            },
        }
    }
}

/// Serves the requests of one connection, for as long as the client keeps it open. There is no
/// idle timeout: the client decides when an idle connection is closed, so it never sends a request
/// on a connection the simulator is closing.
async fn serve_connection(stream: TcpStream, peer: SocketAddr, state: Arc<Mutex<State>>) {
    // Each response is written at once; no reason to delay small packets.
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(handle(request, peer.ip(), &state).await) }
    });
    // Errors here are the client's (a malformed request, a dropped connection); hyper has already
    // answered what can be answered.
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

fn header_value<'a>(headers: &'a HeaderMap, name: &'static str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Splits a path into its non-empty segments.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The part of `path` under `base`, if `path` is `base` or below it.
fn under<'a>(path: &'a str, base: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

async fn handle(request: hyper::Request<Incoming>, peer: IpAddr, state: &Mutex<State>) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    // The request target as sent: `/path?query` (an absolute URI stays absolute, and matches nothing).
    let url = parts.uri.to_string();
    let without_fragment = url.split('#').next().unwrap_or("");
    let (path, query) = without_fragment.split_once('?').unwrap_or((without_fragment, ""));
    let method = parts.method.as_str().to_ascii_uppercase();
    let request_id = header_value(&parts.headers, "X-Request-ID")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .unwrap_or_else(random_request_id);

    let reply = if let Some(rest) = under(path, API_BASE) {
        let target = Target { path, rest, query };
        handle_api(&parts.headers, body, peer, state, &method, &target, &request_id).await
    } else if let Some(rest) = under(path, HOOKS_BASE) {
        routes::sim_hooks::route(&method, &segments(rest), &mut lock(state))
    } else {
        routes::not_found_route()
    };
    respond(&reply, &request_id)
}

/// Where an `/api/v2` request is going.
struct Target<'a> {
    /// Full path without the query string.
    path: &'a str,
    /// The part of the path after [`API_BASE`].
    rest: &'a str,
    /// Raw query string (without `?`), possibly empty.
    query: &'a str,
}

async fn handle_api(
    headers: &HeaderMap,
    body: Incoming,
    peer: IpAddr,
    state: &Mutex<State>,
    method: &str,
    target: &Target<'_>,
    request_id: &str,
) -> Reply {
    let authorization = header_value(headers, "Authorization").map(str::to_string);
    lock(state).request_log.record(LoggedRequest {
        method: method.to_string(),
        path: target.path.to_string(),
        query: target.query.to_string(),
        request_id: request_id.to_string(),
        user_agent: header_value(headers, "User-Agent").map(str::to_string),
        authorization_present: authorization.is_some(),
    });

    let body = match read_body(body).await {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let Some(token) = authorization.as_deref().and_then(bearer_token) else {
        return Reply::unauthorized();
    };
    let from_addr = peer.to_string();

    let mut state = lock(state);
    let Some(caller) = state.authenticate(token, &from_addr) else {
        return Reply::unauthorized();
    };
    let segments = segments(target.rest);
    if let Some(limiter) = state.rate_limiter.as_mut() {
        let route = route_of(method, &segments);
        if let Err(wait) = limiter.admit(&caller.acting_user_id, &route, Instant::now()) {
            return Reply::too_many_requests(wait);
        }
    }
    let api_request = ApiRequest {
        method,
        segments: &segments,
        query: target.query,
        body: &body,
        request_id,
    };
    routes::route_api(&api_request, &caller, &mut state)
}

/// Reads at most [`MAX_BODY_BYTES`]; larger bodies yield 413 (after reading and dropping up to
/// [`MAX_DRAINED_BYTES`] of them).
async fn read_body(mut body: Incoming) -> Result<Vec<u8>, Reply> {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Reply::bad_request("could not read request body"))?;
        let Some(data) = frame.data_ref() else { continue };
        seen = seen.saturating_add(data.len());
        if seen > MAX_DRAINED_BYTES {
            break;
        }
        if seen <= MAX_BODY_BYTES {
            kept.extend_from_slice(data);
        }
    }
    if seen > MAX_BODY_BYTES {
        return Err(Reply::too_large());
    }
    Ok(kept)
}

/// Extracts the token from `Bearer <token>` (scheme case-insensitive).
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && is_plausible_token(token)).then_some(token)
}

fn respond(reply: &Reply, request_id: &str) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body_bytes(request_id))));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if reply.body != ReplyBody::Empty {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("X-Request-ID", id);
    }
    if let Some(seconds) = reply.retry_after {
        headers.insert("Retry-After", HeaderValue::from(seconds));
    }
    // hyper writes `Content-Length` from the body (`0` when empty), except on 204, which must not
    // carry one.
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Bearer a b"), None);
    }

    #[test]
    fn path_helpers() {
        assert_eq!(under("/api/v2", API_BASE), Some(""));
        assert_eq!(under("/api/v2/api_keys", API_BASE), Some("/api_keys"));
        assert_eq!(under("/api/v2x", API_BASE), None);
        assert_eq!(under("/other", API_BASE), None);
        assert_eq!(segments("/a//b/"), vec!["a", "b"]);
    }
}
