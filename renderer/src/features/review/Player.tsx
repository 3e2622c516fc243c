import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { formatPosition } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { PLAYBACK_RATES } from '../../store/playback.ts';

function cssVar(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

function Position() {
  const time = useApp((s) => Math.floor(s.playback.currentTime * 10) / 10);
  const duration = useApp((s) => s.playback.duration);
  return (
    <span
      className="player__time"
      data-testid="player-position"
      data-seconds={time.toFixed(1)}
      data-duration={duration.toFixed(1)}
    >
      {formatPosition(time)} <span className="muted">/ {formatPosition(duration)}</span>
    </span>
  );
}

/** The waveform player (wavesurfer.js), driven through the playback slice. */
export function Player({ audio }: { audio: string }) {
  const container = useRef<HTMLDivElement>(null);
  const playing = useApp((s) => s.playback.playing);
  const rate = useApp((s) => s.playback.rate);
  const actions = useActions();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const wavesurfer = WaveSurfer.create({
      container: element,
      height: 48,
      waveColor: cssVar(element, '--wave', '#b9c0cc'),
      progressColor: cssVar(element, '--wave-played', '#2f6f73'),
      cursorColor: cssVar(element, '--ink', '#1d2330'),
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
      dragToSeek: true,
    });
    const detach = actions.attachPlayer({
      setTime: (seconds) => wavesurfer.setTime(seconds),
      play: () => void wavesurfer.play(),
      pause: () => wavesurfer.pause(),
      setRate: (value) => wavesurfer.setPlaybackRate(value, true),
    });
    const unsubscribe = [
      wavesurfer.on('timeupdate', (seconds) => actions.playerTimeChanged(seconds)),
      wavesurfer.on('ready', (duration) => actions.playerStateChanged({ duration })),
      wavesurfer.on('play', () => actions.playerStateChanged({ playing: true })),
      wavesurfer.on('pause', () => actions.playerStateChanged({ playing: false })),
      wavesurfer.on('finish', () => actions.playerStateChanged({ playing: false })),
    ];
    wavesurfer.load(audio).catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      console.error('The recording could not be loaded into the player.', error);
    });
    return () => {
      unsubscribe.forEach((off) => off());
      detach();
      wavesurfer.destroy();
    };
  }, [audio, actions]);

  return (
    <div className="player">
      <div className="player__controls">
        <button
          type="button"
          className="button button--primary player__play"
          onClick={() => actions.togglePlay()}
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <Position />
        <div className="player__rates" role="group" aria-label="Playback speed">
          {PLAYBACK_RATES.map((value) => (
            <button
              key={value}
              type="button"
              className="chip"
              aria-pressed={rate === value}
              onClick={() => actions.setRate(value)}
            >
              {value}×
            </button>
          ))}
        </div>
      </div>
      {/* Pointer-only: the keyboard seeks with the arrow keys and the transcript. */}
      <div ref={container} className="player__wave" aria-hidden="true" />
    </div>
  );
}
