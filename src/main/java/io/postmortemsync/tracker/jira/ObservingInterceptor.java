package io.postmortemsync.tracker.jira;

import io.postmortemsync.tracker.TrackerRequestObserver;
import io.postmortemsync.tracker.TrackerRequestObserver.Outcome;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Tells the observer about every HTTP exchange, retries included, so metrics count real requests. */
final class ObservingInterceptor implements Interceptor {

    private final TrackerRequestObserver observer;

    ObservingInterceptor(TrackerRequestObserver observer) {
        this.observer = observer;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        CallTag tag = chain.request().tag(CallTag.class);
        String op = tag == null ? "other" : tag.op().label();
        try {
            Response response = chain.proceed(chain.request());
            report(op, outcome(response.code()));
            return response;
        } catch (IOException e) {
            report(op, Outcome.IO_ERROR);
            throw e;
        }
    }

    static Outcome outcome(int code) {
        if (code >= 200 && code < 300) {
            return Outcome.SUCCESS;
        }
        return switch (code) {
            case 429 -> Outcome.RATE_LIMITED;
            case 404 -> Outcome.NOT_FOUND;
            case 401, 403 -> Outcome.PERMISSION;
            default -> code >= 500 ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
        };
    }

    private void report(String op, Outcome outcome) {
        try {
            observer.onRequest(op, outcome);
        } catch (RuntimeException e) {
            // Metrics must never break a Jira call.
        }
    }
}
