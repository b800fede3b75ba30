//! A scripted transport for the core's integration tests: each request is answered by the first
//! rule for its method and path, and every request sent is noted. Each test file takes what it
//! needs of it.

#![allow(dead_code)]

use neon_admin::credentials::CredentialSource;
use neon_admin::http::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use neon_admin::{Client, ClientOptions, Secret};
use serde_json::{json, Value};
use std::sync::Mutex;
use std::time::Duration;

/// The caller's key.
const KEY: &str = "napi_caller_key_0123456789";

/// A scripted answer: status and JSON body.
pub type Answer = (u16, Value);

/// The answers to one method and path (below `/api/v2`): used in turn, the last one repeating.
#[derive(Debug)]
pub struct Rule {
    method: &'static str,
    path: String,
    answers: Vec<Answer>,
}

pub fn rule(method: &'static str, path: impl Into<String>, answers: Vec<Answer>) -> Rule {
    Rule {
        method,
        path: path.into(),
        answers,
    }
}

/// Answers each request with the first rule that matches it; unscripted requests get a 404.
#[derive(Debug, Default)]
pub struct Scripted {
    rules: Mutex<Vec<Rule>>,
    seen: Mutex<Vec<String>>,
}

impl Scripted {
    pub fn new(rules: Vec<Rule>) -> std::sync::Arc<Scripted> {
        std::sync::Arc::new(Scripted {
            rules: Mutex::new(rules),
            seen: Mutex::default(),
        })
    }

    /// `METHOD path` of every request sent, in order.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let path = request.url.split_once("/api/v2").map_or("", |(_, p)| p).to_string();
        let method = request.method.as_str();
        self.seen.lock().unwrap().push(format!("{method} {path}"));
        let mut rules = self.rules.lock().unwrap();
        let answer = match rules.iter_mut().find(|r| r.method == method && r.path == path) {
            Some(r) if r.answers.len() > 1 => r.answers.remove(0),
            Some(r) => r.answers[0].clone(),
            None => failure(404),
        };
        Box::pin(std::future::ready(Ok(HttpResponse {
            status: answer.0,
            retry_after: None,
            retry_after_ms: None,
            request_id: None,
            date: None,
            body: answer.1.to_string().into_bytes(),
        })))
    }

    fn sleep(&self, _duration: Duration) -> BoxFuture<'_, Result<(), TransportError>> {
        Box::pin(std::future::ready(Ok(())))
    }
}

pub fn client(transport: std::sync::Arc<Scripted>) -> Client {
    let options = ClientOptions {
        base_url: Some("http://127.0.0.1:9/api/v2".into()),
        max_retries: Some(0),
        rate_limit: None,
        ..Default::default()
    };
    Client::new(Secret::new(KEY), CredentialSource::Option, &options, transport).unwrap()
}

pub fn failure(status: u16) -> Answer {
    (status, json!({"code": "", "message": format!("scripted {status}")}))
}
