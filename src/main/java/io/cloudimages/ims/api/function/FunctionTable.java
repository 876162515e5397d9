package io.cloudimages.ims.api.function;

import io.cloudimages.ims.api.apig.ApigEvent;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.funqy.runtime.FunqyServerRequest;
import io.quarkus.funqy.runtime.FunqyServerResponse;
import io.quarkus.funqy.runtime.RequestContext;
import io.quarkus.funqy.runtime.RequestContextImpl;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions this application serves, taken from Funqy's own registry of {@code @Funq} methods: a method
 * whose event type has no reader here stops the start, so the table cannot drift from the methods.
 */
final class FunctionTable {
    /** How each event type is read from the one strict parse of the request body. */
    private static final Map<Class<?>, Function<Map<?, ?>, Object>> EVENT_READERS = Map.of(
            UpdateImageEvent.class, UpdateImageEvent::read,
            ApigEvent.class, ApigEvent::read,
            BatchJobEvent.class, BatchJobEvent::read);

    /**
     * One function: its name (the path it is served on), the reader of its event, and whether it acts for the
     * caller of its own HTTP request (it takes a {@code @Context Caller}) or for the request its event
     * describes ({@code apig}).
     */
    record Entry(String name, FunctionInvoker invoker, Function<Map<?, ?>, Object> reader, boolean needsCaller) {

        String path() {
            return "/" + name;
        }

        /** The body parsed once, strictly, with the limits of every parser; a bad event is 400 IMG.0001. */
        Object readEvent(byte[] body) {
            Object document;
            try {
                document = StrictJsonParser.parse(body);
            } catch (JsonSyntaxException e) {
                throw ImsError.INVALID_REQUEST.exception("the request body is not valid JSON: " + e.getMessage());
            }
            if (!(document instanceof Map<?, ?> members)) {
                throw ImsError.INVALID_REQUEST.exception("the event must be a JSON object");
            }
            return reader.apply(members);
        }

        /** Runs the function through Funqy's invoker, with the event already read and the caller as context. */
        Object invoke(Object event, Caller caller) {
            RequestContextImpl context = new RequestContextImpl();
            context.setContextData(Caller.class, caller);
            Invocation invocation = new Invocation(context, event);
            invoker.invoke(invocation, invocation);
            return invocation.output.await().indefinitely();
        }
    }

    private FunctionTable() {
    }

    static List<Entry> fromFunqyRegistry() {
        List<Entry> entries = new ArrayList<>();
        for (FunctionInvoker invoker : FunctionRecorder.registry.invokers()) {
            Function<Map<?, ?>, Object> reader = EVENT_READERS.get(invoker.getInputType());
            if (reader == null) {
                throw new IllegalStateException("function " + invoker.getName() + " takes "
                        + invoker.getInputType() + ", which FunctionTable has no reader for");
            }
            boolean needsCaller = Arrays.asList(invoker.getMethod().getParameterTypes()).contains(Caller.class);
            entries.add(new Entry(invoker.getName(), invoker, reader, needsCaller));
        }
        return entries;
    }

    /** Funqy's request and response for one call: the event is handed over as it is, never bound again. */
    private static final class Invocation implements FunqyServerRequest, FunqyServerResponse {
        private final RequestContext context;
        private final Object event;
        private Uni<?> output;

        Invocation(RequestContext context, Object event) {
            this.context = context;
            this.event = event;
        }

        @Override
        public RequestContext context() {
            return context;
        }

        @Override
        public Object extractInput(Class type) {
            return event;
        }

        @Override
        public Uni<?> getOutput() {
            return output;
        }

        @Override
        public void setOutput(Uni<?> output) {
            this.output = output;
        }
    }
}
