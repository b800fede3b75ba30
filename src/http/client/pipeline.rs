//! The one request pipeline every operation goes through: the rate budget, attempts with
//! per-attempt timeouts, retries by the rules of [`crate::http::retry`], the debug log's lines, and the
//! key scrubbed out of every error.
//!
//! Each round of [`Client::execute`] takes its turn at the rate budget, sends one attempt
//! ([`Client::attempt`]), and for a failure decides what comes next ([`Client::decide`]): a retry
//! after a wait, or the final error.

use super::{ApiRequest, Client, Success, MAX_RESPONSE_BYTES};
use crate::error::{AbortError, ApiError, Error, NetworkError, Result};
use crate::http::answers::{context_hint, decode_failure, outcome_unknown, unknown_outcome};
use crate::http::debug_log::{self, Answer, Attempt, Decision};
use crate::http::random;
use crate::http::rate_budget;
use crate::http::retry::{self, Outcome, Wait};
use crate::http::transport::{HttpRequest, HttpResponse, TransportError};
use std::time::Duration;

/// One attempt of a call: what the log line and the errors of that attempt name.
struct Round<'a> {
    request: &'a ApiRequest,
    request_id: &'a str,
    /// 1 for the first attempt.
    number: u32,
    /// When the attempt left, by the transport's clock.
    started: f64,
}

impl Round<'_> {
    /// The error of a call aborted during or after this attempt.
    fn aborted(&self) -> Error {
        aborted(self.request_id, self.number)
    }
}

/// The error of a call aborted after `attempts` attempts.
fn aborted(request_id: &str, attempts: u32) -> Error {
    Error::Aborted(AbortError {
        request_id: request_id.to_string(),
        attempts,
    })
}

/// How one attempt ended.
enum Attempted {
    /// A 2xx answer.
    Done(Success),
    /// An end no retry can change (aborted, a body too large), already logged.
    Stop(Error),
    /// A failure the retry rules decide on.
    Failed(Failure),
}

/// A failed attempt, for the retry rules.
struct Failure {
    error: Error,
    /// Whether the rules allow another attempt after this one.
    may_retry: bool,
    /// The wait the server asked for.
    retry_after: Option<Duration>,
}

/// What follows a failed attempt.
enum Next {
    /// Try again after this wait.
    Retry(Duration),
    /// End the call with this error.
    Fail(Error),
}

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
            if !self.take_turn(&route).await {
                return Err(aborted(&request_id, attempts));
            }
            self.usage.sent();
            attempts += 1;
            let round = Round {
                request,
                request_id: &request_id,
                number: attempts,
                started: self.transport.now_ms(),
            };
            let failure = match self.attempt(&round, &route).await {
                Attempted::Done(success) => return Ok(success),
                Attempted::Stop(error) => return Err(error),
                Attempted::Failed(failure) => failure,
            };
            match self.decide(&round, failure).await {
                Next::Fail(error) => return Err(error),
                Next::Retry(delay) => {
                    if self.transport.sleep(delay).await == Err(TransportError::Aborted) {
                        return Err(round.aborted());
                    }
                }
            }
        }
    }

    /// Waits for the route's turn at the rate budget, when there is one; false when the call
    /// was aborted before or during the wait.
    async fn take_turn(&self, route: &str) -> bool {
        if self.transport.is_aborted() {
            return false;
        }
        let Some(budget) = &self.budget else {
            return true;
        };
        match budget.wait(&*self.transport, route).await {
            Ok(waited) => {
                self.usage.waited(waited);
                // Only a real wait: reading the clock twice takes a few microseconds.
                if waited >= Duration::from_millis(1) {
                    self.log_line(debug_log::rate_wait(route, waited)).await;
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Sends one attempt and sorts how it ended. The ends that need no decision are logged here.
    async fn attempt(&self, round: &Round<'_>, route: &str) -> Attempted {
        let outcome = self.transport.send(self.request(round.request, round.request_id)).await;
        match outcome {
            Ok(response) if (200..300).contains(&response.status) => {
                self.log(round, Answer::Status(response.status), Decision::Done).await;
                Attempted::Done(Success {
                    status: response.status,
                    body: response.body,
                    request_id: round.request_id.to_string(),
                    attempts: round.number,
                    date: response.date,
                })
            }
            Ok(response) => Attempted::Failed(self.refused(round, route, &response).await),
            Err(TransportError::Aborted) => {
                self.log(round, Answer::Aborted, Decision::Done).await;
                Attempted::Stop(round.aborted())
            }
            Err(TransportError::TooLarge { status }) => {
                self.log(round, Answer::TooLarge(status), Decision::Done).await;
                Attempted::Stop(self.scrub(too_large(round, status)))
            }
            Err(TransportError::Timeout) => {
                let message = format!("no answer within {} ms", self.timeout.as_millis() as u64);
                Attempted::Failed(no_answer(round, message, true, None))
            }
            Err(TransportError::Network { message, status }) => {
                Attempted::Failed(no_answer(round, message, false, status))
            }
        }
    }

    /// A non-2xx answer as a failure. A 429 also holds back the route's rate budget; a 5xx other
    /// than 503 may come after a write was applied, so its error says the outcome is unknown.
    async fn refused(&self, round: &Round<'_>, route: &str, response: &HttpResponse) -> Failure {
        let method = round.request.method;
        let may_retry = retry::may_retry(&method, Outcome::Status(response.status));
        let retry_after = retry::server_wait(
            response.retry_after_ms.as_deref(),
            response.retry_after.as_deref(),
            self.transport.now_ms(),
        );
        if let (429, Some(budget)) = (response.status, &self.budget) {
            budget.penalize(rate_budget::now_micros(&*self.transport), route, retry_after);
            self.log_line(debug_log::rate_held(route, retry_after)).await;
        }
        let error = decode_failure(response, round.request_id, round.number, retry_after);
        let error = match response.status {
            503 => error,
            500.. => outcome_unknown(method, error),
            _ => self.explain(round.request, error),
        };
        Failure {
            error,
            may_retry,
            retry_after,
        }
    }

    /// What follows a failed attempt, with its log line: the final error when the rules allow
    /// no retry, the retries are used up or the server asks for too long a wait; else a retry
    /// after the backoff.
    async fn decide(&self, round: &Round<'_>, failure: Failure) -> Next {
        let Failure {
            error,
            may_retry,
            retry_after,
        } = failure;
        let answer = match &error {
            Error::Api(e) => Answer::Status(e.status),
            Error::Network(e) if e.timed_out => Answer::Timeout,
            _ => Answer::Lost,
        };
        let (decision, delay) = if !may_retry {
            (Decision::Final, None)
        } else if round.number > self.max_retries {
            (Decision::RetriesUsed, None)
        } else {
            match retry::wait(round.number - 1, retry_after, random::random_fraction()) {
                Wait::GiveUp => (Decision::GiveUp(retry_after.unwrap_or_default()), None),
                Wait::After(delay) => (Decision::Retry(delay, retry_after), Some(delay)),
            }
        };
        self.log(round, answer, decision).await;
        match delay {
            Some(delay) => Next::Retry(delay),
            None => Next::Fail(self.scrub(error)),
        }
    }

    /// Hands one attempt's line to the transport's logger, when the caller asked for the log.
    async fn log(&self, round: &Round<'_>, answer: Answer, decision: Decision) {
        if self.transport.logs() {
            let line = debug_log::line(&Attempt {
                method: round.request.method,
                path: &round.request.path,
                number: round.number,
                allowed: self.max_retries + 1,
                answer,
                millis: (self.transport.now_ms() - round.started).max(0.0) as u64,
                request_id: round.request_id,
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

/// The error of an answer whose body was larger than this client reads.
fn too_large(round: &Round<'_>, status: u16) -> Error {
    Error::Api(ApiError {
        status,
        code: "response_too_large".into(),
        message: format!("the response body is larger than {MAX_RESPONSE_BYTES} bytes and was refused"),
        request_id: round.request_id.to_string(),
        attempts: round.number,
        retry_after_ms: None,
        hint: None,
    })
}

/// An attempt that got no answer (`message` says why), for the retry rules: only a GET may be
/// sent again, since a write may have been applied.
fn no_answer(round: &Round<'_>, message: String, timed_out: bool, status: Option<u16>) -> Failure {
    let method = round.request.method;
    let error = NetworkError {
        message: format!("{message}{}", unknown_outcome(method)),
        timed_out,
        status,
        request_id: round.request_id.to_string(),
        attempts: round.number,
    };
    Failure {
        error: Error::Network(error),
        may_retry: retry::may_retry(&method, Outcome::NoAnswer),
        retry_after: None,
    }
}
