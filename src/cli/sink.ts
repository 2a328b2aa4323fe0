/** Text written to a stream in order, each write waiting for the stream to take it. */
export interface Sink {
  write(text: string): Promise<void>;
}

/** A sink on a stream, which may fail. */
export interface StreamSink extends Sink {
  /** Why the stream failed, when it did other than by its reader going away: the output is incomplete. */
  readonly failure: NodeJS.ErrnoException | null;
  /** The Chinese sentence for the failure, the first time it is asked for; null after, or without one. */
  failureMessage(): string | null;
}

/** What became of a stream: still open, closed by its reader (EPIPE), or failed (a full disk). */
export interface StreamState {
  closed: boolean;
  failure: NodeJS.ErrnoException | null;
  /** Set once the failure has been said, so it is said once. */
  reported: boolean;
}

const states = new WeakMap<NodeJS.WritableStream, StreamState>();

/**
 * Watches a stream for errors, once: a reader that goes away (`jxzp check … | head`) ends the
 * output quietly; any other error (ENOSPC on a full disk, `> /dev/full`) is kept, to be said in
 * Chinese at the end with exit code 2, instead of escaping as an exception with an English stack.
 */
export function watchStream(stream: NodeJS.WritableStream): StreamState {
  const known = states.get(stream);
  if (known) return known;
  const s: StreamState = { closed: false, failure: null, reported: false };
  stream.on("error", (e: NodeJS.ErrnoException) => {
    s.closed = true;
    if (e.code !== "EPIPE" && !s.failure) s.failure = e;
  });
  states.set(stream, s);
  return s;
}

/** The sentence said when a stream failed, naming the likely cause. */
export function outputFailureMessage(e: NodeJS.ErrnoException, what = "校验结果"): string {
  const why =
    e.code === "ENOSPC" ? "磁盘已满" : e.code === "EDQUOT" ? "超出了磁盘配额" : e.code === "EIO" ? "设备读写出错" : e.code === "EBADF" ? "输出已被关闭" : "写入时出错";
  return `无法写出${what}（${why}），输出不完整。请腾出磁盘空间或改写到别处后重新运行。\n`;
}

/**
 * A sink on stdout or a file. Waits on 'drain' when the stream's buffer is full, so a batch
 * writing to a slow pipe does not pile its whole output up in memory. After the stream has closed
 * or failed, writes are dropped (the failure is kept in `failure`).
 */
export function sinkOf(stream: NodeJS.WritableStream): StreamSink {
  const state = watchStream(stream);
  return {
    get failure() {
      return state.failure;
    },
    failureMessage() {
      if (!state.failure || state.reported) return null;
      state.reported = true;
      return outputFailureMessage(state.failure);
    },
    write: (text) =>
      new Promise<void>((resolve) => {
        if (state.closed || text === "") return resolve();
        let ok: boolean;
        try {
          ok = stream.write(text);
        } catch (e) {
          // A stream already destroyed throws on write; nothing more can reach it.
          state.closed = true;
          if (!state.failure && (e as NodeJS.ErrnoException).code !== "EPIPE") state.failure = e as NodeJS.ErrnoException;
          return resolve();
        }
        if (ok) return resolve();
        const done = () => {
          stream.off("drain", done);
          stream.off("close", done);
          stream.off("error", done);
          resolve();
        };
        stream.on("drain", done);
        stream.on("close", done);
        stream.on("error", done);
      }),
  };
}
