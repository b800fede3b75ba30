//! The HTTP front: worker threads, request ids, body limits, auth and logging.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::config::Config;
use crate::http::{Reply, ReplyBody};
use crate::request_log::LoggedRequest;
use crate::routes::{self, ApiRequest};
use crate::state::State;
use crate::token::{is_plausible_token, random_request_id, random_token};

/// Base path of the simulated API.
pub const API_BASE: &str = "/api/v2";
/// Pending connections the kernel queues for us: many clients open hundreds at once, and the
/// standard library's 128 would drop the rest until they retry.
const BACKLOG: i32 = 1024;
/// Base path of the test hooks.
pub const HOOKS_BASE: &str = "/__sim";
/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// A running simulator. Dropping it stops the workers and frees the port.
pub struct Handle {
    port: u16,
    seed_key: String,
    seed_key_generated: bool,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
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

    /// Blocks until the workers exit (which only happens after `stop`).
    pub fn wait(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    /// Stops serving and waits for the workers to finish.
    pub fn stop(self) {
        // Drop does the work.
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// Binds 127.0.0.1:`config.port`, seeds the state and starts the workers.
pub fn start(config: Config) -> io::Result<Handle> {
    let server = Server::from_listener(listen(config.port)?, None).map_err(io::Error::other)?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|addr| addr.port())
        .ok_or_else(|| io::Error::other("server is not bound to an IP address"))?;
    let server = Arc::new(server);

    let (seed_key, seed_key_generated) = match config.seed_key {
        Some(key) => (key, false),
        None => (random_token(), true),
    };
    let state = Arc::new(Mutex::new(State::seeded(&seed_key, &config.seed_org)));
    let stop = Arc::new(AtomicBool::new(false));

    let mut workers = Vec::new();
    for i in 0..config.workers.max(1) {
        let (server, state, stop) = (server.clone(), state.clone(), stop.clone());
        let worker = thread::Builder::new()
            .name(format!("neon-sim-worker-{i}"))
            .spawn(move || serve(&server, &state, &stop))?;
        workers.push(worker);
    }
    Ok(Handle {
        port,
        seed_key,
        seed_key_generated,
        stop,
        workers,
        state,
    })
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn serve(server: &Server, state: &Mutex<State>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(POLL_INTERVAL) {
            Ok(Some(request)) => handle(request, state),
            Ok(None) => {}
            Err(_) => thread::sleep(POLL_INTERVAL),
        }
    }
}

fn header_value<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
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

fn handle(mut request: Request, state: &Mutex<State>) {
    let url = request.url().to_string();
    let without_fragment = url.split('#').next().unwrap_or("");
    let (path, query) = without_fragment.split_once('?').unwrap_or((without_fragment, ""));
    let method = request.method().as_str().to_ascii_uppercase();
    let request_id = header_value(&request, "X-Request-ID")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .unwrap_or_else(random_request_id);

    let reply = if let Some(rest) = under(path, API_BASE) {
        let target = Target { path, rest, query };
        handle_api(&mut request, state, &method, &target, &request_id)
    } else if let Some(rest) = under(path, HOOKS_BASE) {
        routes::sim_hooks::route(&method, &segments(rest), &mut lock(state))
    } else {
        routes::not_found_route()
    };
    respond(request, &reply, &request_id);
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

fn handle_api(
    request: &mut Request,
    state: &Mutex<State>,
    method: &str,
    target: &Target<'_>,
    request_id: &str,
) -> Reply {
    let authorization = header_value(request, "Authorization").map(str::to_string);
    lock(state).request_log.record(LoggedRequest {
        method: method.to_string(),
        path: target.path.to_string(),
        request_id: request_id.to_string(),
        user_agent: header_value(request, "User-Agent").map(str::to_string),
        authorization_present: authorization.is_some(),
    });

    let body = match read_body(request) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let Some(token) = authorization.as_deref().and_then(bearer_token) else {
        return Reply::unauthorized();
    };
    let from_addr = request
        .remote_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "127.0.0.1".to_string());

    let mut state = lock(state);
    let Some(caller) = state.authenticate(token, &from_addr) else {
        return Reply::unauthorized();
    };
    let segments = segments(target.rest);
    let api_request = ApiRequest {
        method,
        segments: &segments,
        query: target.query,
        body: &body,
    };
    routes::route_api(&api_request, &caller, &mut state)
}

/// Reads at most [`MAX_BODY_BYTES`]; larger bodies yield 413.
fn read_body(request: &mut Request) -> Result<Vec<u8>, Reply> {
    if request.body_length().is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(Reply::too_large());
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|_| Reply::bad_request("could not read request body"))?;
    if body.len() > MAX_BODY_BYTES {
        return Err(Reply::too_large());
    }
    Ok(body)
}

/// Extracts the token from `Bearer <token>` (scheme case-insensitive).
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && is_plausible_token(token)).then_some(token)
}

fn respond(request: Request, reply: &Reply, request_id: &str) {
    let mut response = Response::from_data(reply.body_bytes(request_id)).with_status_code(StatusCode(reply.status));
    if reply.body != ReplyBody::Empty {
        let content_type =
            Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..]).expect("static header is valid");
        response = response.with_header(content_type);
    }
    if let Ok(id_header) = Header::from_bytes(&b"X-Request-ID"[..], request_id.as_bytes()) {
        response = response.with_header(id_header);
    }
    // One request per connection: tiny_http serves each open connection from a pool thread, so idle
    // keep-alive connections would hold threads while new ones wait unread.
    let close = Header::from_bytes(&b"Connection"[..], &b"close"[..]).expect("static header is valid");
    response = response.with_header(close);
    // The client may have gone away; nothing useful to do about it.
    let _ = request.respond(response);
}

/// A listener on 127.0.0.1 with a long accept queue.
fn listen(port: u16) -> io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
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
