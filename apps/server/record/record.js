// The recording page: MediaRecorder → check the duration → WAV with the browser's own decoder
// (core's toWav) → upload through this server with core's client (progress from XMLHttpRequest).
// The upload token comes from the page's address: /record#token=<a token from POST /v1/upload-tokens>.
import { audioPurposes, describePurposeRule, inspectAudio, MiniMaxFiles, toWav } from "/record/core.js";

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.hash.slice(1)).get("token");
let recorder;
let chunks = [];
let started = 0;
let timer;
let wav;

const show = (text, kind = "") => {
  $("result").textContent = text;
  $("result").className = kind;
};
const state = (text) => ($("state").textContent = text);

// The audio purposes and their rules come from core (and so from the spec), never repeated here.
for (const purpose of audioPurposes) $("purpose").add(new Option(describePurposeRule(purpose), purpose));

if (!token) show("Open this page with #token=<upload token> (your backend mints one with POST /v1/upload-tokens).", "error");

$("record").onclick = async () => {
  show("");
  wav = undefined;
  $("upload").disabled = true;
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    return show(`The microphone is not available: ${error.message}`, "error");
  }
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  chunks = [];
  recorder = new MediaRecorder(stream);
  recorder.ondataavailable = (event) => event.data.size && chunks.push(event.data);
  recorder.onstop = async () => {
    clearInterval(timer);
    for (const track of stream.getTracks()) track.stop();
    await context.close();
    $("level").style.width = "0";
    await check(new Blob(chunks, { type: recorder.mimeType }));
  };
  recorder.start(250);
  started = performance.now();
  timer = setInterval(() => {
    $("duration").textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    analyser.getFloatTimeDomainData(samples);
    const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    $("level").style.width = `${Math.min(100, rms * 400)}%`;
  }, 100);
  $("record").disabled = true;
  $("stop").disabled = false;
  state("Recording…");
};

$("stop").onclick = () => {
  $("stop").disabled = true;
  $("record").disabled = false;
  recorder.stop();
};

async function check(recording) {
  state("Converting to WAV…");
  try {
    wav = await toWav(recording);
  } catch (error) {
    return show(error.message, "error");
  }
  // The same pre-flight checks the upload runs, before anything is sent.
  const report = await inspectAudio(wav);
  const verdict = report.verdicts[$("purpose").value];
  $("duration").textContent = `${(report.durationSeconds ?? 0).toFixed(1)} s`;
  if (!verdict.ok) {
    state("");
    return show(`Refused (${verdict.rule}): found ${verdict.found}; allowed: ${verdict.limit}. Record again.`, "error");
  }
  state(`Ready to upload ${(wav.size / 1024).toFixed(0)} KB of WAV.`);
  $("upload").disabled = !token;
}

$("upload").onclick = async () => {
  $("upload").disabled = true;
  $("progress").hidden = false;
  $("progress").value = 0;
  state("Uploading…");
  const client = new MiniMaxFiles({ apiKey: token, baseURL: location.origin, maxRetries: 2 });
  try {
    const file = await client.upload(
      { file: new File([wav], "recording.wav", { type: "audio/wav" }), purpose: $("purpose").value },
      { onProgress: ({ loaded, total }) => ($("progress").value = total ? loaded / total : 0) },
    );
    state("");
    show(`Uploaded: file_id ${file.file_id}`, "ok");
    document.body.dataset.fileId = file.file_id;
  } catch (error) {
    state("");
    show(`Upload failed: ${error.message}`, "error");
    $("upload").disabled = false;
  }
};
