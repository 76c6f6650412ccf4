package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A worker's stdout carries the pool's frames; text that a JVM option or an agent prints there
 * (JFR's "Started recording", a javaagent's banner) must neither break nor hang the pool.
 */
class StdoutTest {

  private static DataInputStream stdout(String text, byte... after) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(text.getBytes(StandardCharsets.UTF_8));
    bytes.write(after);
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  private static String errorOutputOf(DataInputStream in) throws IOException {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      WorkerOutput.skipToStart(in);
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textBeforeTheStartIsShownAsErrorOutputAndTheFramesFollow() throws IOException {
    byte[] startThenReady = new byte[Protocol.START.length + 1];
    System.arraycopy(Protocol.START, 0, startThenReady, 0, Protocol.START.length);
    startThenReady[Protocol.START.length] = (byte) Protocol.Type.READY.ordinal();
    // a partial START inside the banner is text too
    String banner = "[0.3s][info][jfr,startup] Started recording 1.\n\0lp-wo\n";
    DataInputStream in = stdout(banner, startThenReady);
    assertEquals(banner, errorOutputOf(in));
    assertEquals(Protocol.Type.READY.ordinal(), in.readByte(), "the first frame is read as one");
  }

  @Test
  void nothingIsShownWhenTheWorkerStartsCleanly() throws IOException {
    assertEquals("", errorOutputOf(stdout("", Protocol.START)));
  }

  @Test
  void aWorkerThatEndsBeforeItsStartIsADeathNotAHang() {
    assertThrows(EOFException.class, () -> WorkerOutput.skipToStart(stdout("Error: could not find java.base")));
  }

  @Test
  void textAmongTheFramesIsNamedInTheError() throws IOException {
    DataInputStream in = stdout("istening for transport dt_socket at address: 5005\n");
    String message = WorkerOutput.notProtocol((byte) 'L', in);
    assertTrue(message.startsWith("it wrote \"Listening for transport dt_socket at address: 5005\" to its stdout"), message);
    assertTrue(message.contains("JAVA_TOOL_OPTIONS"), message);
  }
}
