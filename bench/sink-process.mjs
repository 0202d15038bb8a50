// The sink in a process of its own, so it never competes with the uploader for an event loop.
import { startSink } from "./sink-server.mjs";

const sink = await startSink();
console.log(`sink listening on ${sink.url}`);
process.once("SIGTERM", () => sink.close().then(() => process.exit(0)));
