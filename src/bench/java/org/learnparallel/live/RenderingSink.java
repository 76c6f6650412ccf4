package org.learnparallel.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.learnparallel.pool.Pool;
import org.learnparallel.pool.internal.Pools;

/**
 * A live view's screen for benchmarks, where no kernel runs ({@link Live#watch} draws nothing
 * there). Each frame costs what it costs in a notebook up to the socket: the live view's own work
 * (its thread, the CPU readings, the frame's HTML and text) and the kernel's part of each message,
 * a JSON {@code display_data} or {@code update_display_data} message (header, metadata, content
 * with the bundle and display id) signed with HMAC-SHA256 as Jupyter's wire protocol requires. It
 * is not sent: the ZeroMQ write and JupyterLab's redrawing, in the browser's process, are left out.
 *
 * <pre>{@code
 * Pool pool = RenderingSink.watch(Pool.threads(2));
 * pool.map(f, items);          // drawn four times a second into the sink
 * RenderingSink.bytes()        // what would have been sent
 * RenderingSink.drawingNanos() // the CPU time the view's threads used
 * RenderingSink.frames()       // in how many frames
 * }</pre>
 */
public final class RenderingSink implements Screen {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile long bytes; // read after the run, so the messages are not dead code
  private static final LongAdder DRAWING_NANOS = new LongAdder();
  private static final LongAdder CALLS = new LongAdder();
  private static final LongAdder FRAMES = new LongAdder();
  private final Mac hmac;

  private RenderingSink() {
    try {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes {@code pool} draw a live view of each call into a new sink, as {@link Live#watch} does into a notebook. */
  public static Pool watch(Pool pool) {
    Live.prepare(); // as Live.watch does
    Pools.watch(pool, Live.watcher(new RenderingSink()));
    return pool;
  }

  /** The bytes of all the messages made so far. */
  public static long bytes() {
    return bytes;
  }

  /** The CPU time of the drawing threads of all the calls drawn to their end, in nanoseconds. */
  public static long drawingNanos() {
    return DRAWING_NANOS.sum();
  }

  /** How many frames were drawn, shown or updated. */
  public static long frames() {
    return FRAMES.sum();
  }

  /** How many calls were drawn to their end. */
  public static long calls() {
    return CALLS.sum();
  }

  @Override
  public String show(Frame frame) {
    String id = UUID.randomUUID().toString();
    send("display_data", id, frame);
    return id;
  }

  @Override
  public void update(String id, Frame frame) {
    send("update_display_data", id, frame);
    if (frame.over()) { // a thread draws one call: its CPU time so far is the whole view's
      DRAWING_NANOS.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      CALLS.increment();
    }
  }

  private void send(String type, String id, Frame frame) {
    FRAMES.increment();
    try {
      byte[] header = JSON.writeValueAsBytes(Map.of("msg_id", UUID.randomUUID().toString(), "msg_type", type,
          "session", "bench", "username", "bench", "version", "5.3", "date", java.time.Instant.now().toString()));
      byte[] content = JSON.writeValueAsBytes(Map.of(
          "data", Map.of("text/html", frame.html(), "text/plain", frame.text()),
          "metadata", Map.of(), "transient", Map.of("display_id", id)));
      byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
      synchronized (hmac) {
        hmac.update(header);
        hmac.update(empty); // parent header: the cell's request, here none
        hmac.update(empty); // metadata
        hmac.update(content);
        bytes += hmac.doFinal().length + header.length + content.length;
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
