package io.postmortemsync.tracker.jira;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Bounds the requests in flight ({@code tracker.maxConcurrency}). It sits inside the retry
 * interceptor, so a call waiting out a back-off does not hold a slot. The body is read while the
 * slot is held: a request is in flight until its answer has arrived, not just its headers.
 */
final class LimitingInterceptor implements Interceptor {

    private final Semaphore slots;

    LimitingInterceptor(int maxConcurrency) {
        this.slots = new Semaphore(Math.max(1, maxConcurrency), true);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free Jira request slot");
        }
        try {
            Response response = chain.proceed(chain.request());
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            return response.newBuilder()
                    .body(ResponseBody.create(bytes, body.contentType()))
                    .build();
        } finally {
            slots.release();
        }
    }

    /** Requests currently waiting for a slot (for tests of the bound). */
    int waiting() {
        return slots.getQueueLength();
    }
}
