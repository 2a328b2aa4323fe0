/** Text written to a stream in order, each write waiting for the stream to take it. */
export interface Sink {
  write(text: string): Promise<void>;
}

/**
 * A sink on stdout or a file. Waits on 'drain' when the stream's buffer is full, so a batch
 * writing to a slow pipe does not pile its whole output up in memory. A reader that goes away
 * (`jxzp check … | head`) ends the output quietly instead of failing with EPIPE.
 */
export function sinkOf(stream: NodeJS.WritableStream): Sink {
  let closed = false;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") closed = true;
    else throw e;
  });
  return {
    write: (text) =>
      new Promise<void>((resolve) => {
        if (closed || text === "") return resolve();
        if (stream.write(text)) resolve();
        else {
          const done = () => {
            stream.off("drain", done);
            stream.off("close", done);
            resolve();
          };
          stream.on("drain", done);
          stream.on("close", done);
        }
      }),
  };
}
