//! The one request pipeline every operation goes through: the rate budget, attempts with
//! per-attempt timeouts, retries by the rules of [`crate::http::retry`], the debug log's lines, and the
//! key scrubbed out of every error.

use super::{ApiRequest, Client, Success, MAX_RESPONSE_BYTES};
use crate::error::{AbortError, ApiError, Error, NetworkError, Result};
use crate::http::answers::{context_hint, decode_failure, outcome_unknown, unknown_outcome};
use crate::http::debug_log::{self, Answer, Attempt, Decision};
use crate::http::random;
use crate::http::rate_budget;
use crate::http::retry::{self, Outcome, Wait};
use crate::http::transport::{HttpRequest, TransportError};
use std::time::Duration;

impl Client {
    fn request(&self, request: &ApiRequest, request_id: &str) -> HttpRequest {
        let mut headers = vec![
            ("authorization", format!("Bearer {}", self.key.expose())),
            ("accept", "application/json".to_string()),
            ("x-request-id", request_id.to_string()),
            ("user-agent", self.user_agent.to_string()),
        ];
        if request.body.is_some() {
            headers.push(("content-type", "application/json".to_string()));
        }
        HttpRequest {
            method: request.method,
            url: format!("{}{}", self.base_url, request.path),
            headers,
            body: request.body.clone(),
            timeout: self.timeout,
            max_body: MAX_RESPONSE_BYTES,
        }
    }

    /// The pipeline: attempts with retries until a 2xx answer or a final error.
    pub(super) async fn execute(&self, request: &ApiRequest) -> Result<Success> {
        let request_id = random::request_id();
        let route = rate_budget::route_of(request.method, &request.path);
        let mut attempts = 0u32;
        loop {
            if self.transport.is_aborted() {
                return Err(Error::Aborted(AbortError { request_id, attempts }));
            }
            if let Some(budget) = &self.budget {
                match budget.wait(&*self.transport, &route).await {
                    Ok(waited) => {
                        self.usage.waited(waited);
                        // Only a real wait: reading the clock twice takes a few microseconds.
                        if waited >= Duration::from_millis(1) {
                            self.log_line(debug_log::rate_wait(&route, waited)).await;
                        }
                    }
                    Err(_) => return Err(Error::Aborted(AbortError { request_id, attempts })),
                }
            }
            self.usage.sent();
            attempts += 1;
            let started = self.transport.now_ms();
            let outcome = self.transport.send(self.request(request, &request_id)).await;
            let log = |answer, decision| self.log(request, attempts, answer, started, &request_id, decision);
            let (error, may_retry, retry_after) = match outcome {
                Ok(response) if (200..300).contains(&response.status) => {
                    log(Answer::Status(response.status), Decision::Done).await;
                    return Ok(Success {
                        status: response.status,
                        body: response.body,
                        request_id,
                        attempts,
                        date: response.date,
                    });
                }
                Ok(response) => {
                    let retry = retry::may_retry(&request.method, Outcome::Status(response.status));
                    let after = retry::server_wait(
                        response.retry_after_ms.as_deref(),
                        response.retry_after.as_deref(),
                        self.transport.now_ms(),
                    );
                    if let (429, Some(budget)) = (response.status, &self.budget) {
                        budget.penalize(rate_budget::now_micros(&*self.transport), &route, after);
                        self.log_line(debug_log::rate_held(&route, after)).await;
                    }
                    let error = decode_failure(&response, &request_id, attempts, after);
                    // A 5xx other than 503 may come after the write was applied.
                    let error = match response.status {
                        503 => error,
                        500.. => outcome_unknown(request.method, error),
                        _ => self.explain(request, error),
                    };
                    (error, retry, after)
                }
                Err(TransportError::Aborted) => {
                    log(Answer::Aborted, Decision::Done).await;
                    return Err(Error::Aborted(AbortError { request_id, attempts }));
                }
                Err(TransportError::TooLarge { status }) => {
                    log(Answer::TooLarge(status), Decision::Done).await;
                    let message =
                        format!("the response body is larger than {MAX_RESPONSE_BYTES} bytes and was refused");
                    let error = ApiError {
                        status,
                        code: "response_too_large".into(),
                        message,
                        request_id,
                        attempts,
                        retry_after_ms: None,
                        hint: None,
                    };
                    return Err(self.scrub(Error::Api(error)));
                }
                Err(TransportError::Timeout) => {
                    let message = format!(
                        "no answer within {} ms{}",
                        self.timeout.as_millis() as u64,
                        unknown_outcome(request.method)
                    );
                    let error = NetworkError {
                        message,
                        timed_out: true,
                        status: None,
                        request_id: request_id.clone(),
                        attempts,
                    };
                    (
                        Error::Network(error),
                        retry::may_retry(&request.method, Outcome::NoAnswer),
                        None,
                    )
                }
                Err(TransportError::Network { message, status }) => {
                    let error = NetworkError {
                        message: format!("{message}{}", unknown_outcome(request.method)),
                        timed_out: false,
                        status,
                        request_id: request_id.clone(),
                        attempts,
                    };
                    (
                        Error::Network(error),
                        retry::may_retry(&request.method, Outcome::NoAnswer),
                        None,
                    )
                }
            };
            let answer = match &error {
                Error::Api(e) => Answer::Status(e.status),
                Error::Network(e) if e.timed_out => Answer::Timeout,
                _ => Answer::Lost,
            };
            if !may_retry || attempts > self.max_retries {
                log(
                    answer,
                    if may_retry {
                        Decision::RetriesUsed
                    } else {
                        Decision::Final
                    },
                )
                .await;
                return Err(self.scrub(error));
            }
            match retry::wait(attempts - 1, retry_after, random::random_fraction()) {
                Wait::GiveUp => {
                    log(answer, Decision::GiveUp(retry_after.unwrap_or_default())).await;
                    return Err(self.scrub(error));
                }
                Wait::After(delay) => {
                    log(answer, Decision::Retry(delay, retry_after)).await;
                    if self.transport.sleep(delay).await == Err(TransportError::Aborted) {
                        return Err(Error::Aborted(AbortError { request_id, attempts }));
                    }
                }
            }
        }
    }

    /// Hands one attempt's line to the transport's logger, when the caller asked for the log.
    async fn log(
        &self,
        request: &ApiRequest,
        number: u32,
        answer: Answer,
        started: f64,
        request_id: &str,
        decision: Decision,
    ) {
        if self.transport.logs() {
            let line = debug_log::line(&Attempt {
                method: request.method,
                path: &request.path,
                number,
                allowed: self.max_retries + 1,
                answer,
                millis: (self.transport.now_ms() - started).max(0.0) as u64,
                request_id,
                decision,
            });
            self.transport.log(line).await;
        }
    }

    /// Hands a line to the transport's logger, when the caller asked for the debug log.
    pub(crate) async fn log_line(&self, line: String) {
        if self.transport.logs() {
            self.transport.log(line).await;
        }
    }

    /// `error` with the advice its request's context gives, where that says more than the status
    /// (see [`context_hint`]).
    pub(super) fn explain(&self, request: &ApiRequest, error: Error) -> Error {
        match error {
            Error::Api(mut e) => {
                if let Some(hint) = context_hint(&e, request.method, &request.path, &self.base_url) {
                    e.hint = Some(hint);
                }
                Error::Api(e)
            }
            other => other,
        }
    }

    pub(super) fn scrub(&self, error: Error) -> Error {
        match error {
            Error::Api(mut e) => {
                e.message = self.key.scrub(&e.message);
                e.code = self.key.scrub(&e.code);
                Error::Api(e)
            }
            Error::Network(mut e) => {
                e.message = self.key.scrub(&e.message);
                Error::Network(e)
            }
            other => other,
        }
    }
}
