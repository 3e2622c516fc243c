// AudioWorklet processor: captures the microphone as mono Float32 PCM at the context's sample rate.
// Runs on the audio rendering thread. Loaded from its own file (CSP: script-src 'self').
//
// Messages to the page (port):
//   { type: 'level', rms, peak }           ~30 times a second, always (drives the input meter)
//   { type: 'pcm', samples: Float32Array, clockSec }
//                                          every `chunkSeconds` while capturing (transferred);
//                                          clockSec: wall-clock seconds since capture began, read
//                                          when the chunk's last sample arrived. The main side
//                                          compares it with the samples received to find audio the
//                                          browser never delivered (a starved audio thread).
//   { type: 'flushed' }                    after a { type: 'flush' } request, once the rest is posted
// Messages from the page: { type: 'capture', on: boolean }, { type: 'flush' }.

/* global sampleRate, registerProcessor, AudioWorkletProcessor */

class PcmCaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const chunkSeconds =
      (options && options.processorOptions && options.processorOptions.chunkSeconds) || 0.25;
    this.chunkSize = Math.max(128, Math.round(sampleRate * chunkSeconds));
    this.buffer = new Float32Array(this.chunkSize);
    this.filled = 0;
    this.capturing = false;
    /** Date.now() when capturing began (Date is ECMAScript, so the worklet scope has it). */
    this.startedAt = 0;
    this.levelEvery = Math.round(sampleRate / 30);
    this.levelFrames = 0;
    this.sumSquares = 0;
    this.peak = 0;
    this.port.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'capture') {
        if (!message.on) this.postChunk();
        else if (!this.capturing) this.startedAt = Date.now();
        this.capturing = Boolean(message.on);
      } else if (message.type === 'flush') {
        this.postChunk();
        this.port.postMessage({ type: 'flushed' });
      }
    };
  }

  postChunk() {
    if (this.filled === 0) return;
    const samples = this.buffer.slice(0, this.filled);
    const clockSec = (Date.now() - this.startedAt) / 1000;
    this.port.postMessage({ type: 'pcm', samples, clockSec }, [samples.buffer]);
    this.filled = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0 || !channels[0]) return true;
    const frames = channels[0].length;
    const count = channels.length;
    for (let i = 0; i < frames; i++) {
      let sample = 0;
      for (let c = 0; c < count; c++) sample += channels[c][i];
      sample /= count;
      const magnitude = Math.abs(sample);
      if (magnitude > this.peak) this.peak = magnitude;
      this.sumSquares += sample * sample;
      if (this.capturing) {
        this.buffer[this.filled++] = sample;
        if (this.filled === this.chunkSize) this.postChunk();
      }
    }
    this.levelFrames += frames;
    if (this.levelFrames >= this.levelEvery) {
      this.port.postMessage({
        type: 'level',
        rms: Math.sqrt(this.sumSquares / this.levelFrames),
        peak: this.peak,
      });
      this.levelFrames = 0;
      this.sumSquares = 0;
      this.peak = 0;
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCaptureProcessor);
