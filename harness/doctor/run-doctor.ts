/**
 * Diagnostics on demand: the scenario's mock exchanges feed two instances of the built-in collector for
 * the same minutes — one under clinic (doctor, heapprofiler or flame) whose HTML lands in the run
 * directory, and a twin with Node's own `--cpu-prof` / `--heap-prof`, which always works and is the
 * fallback when clinic cannot (Node ≥ 21.7 for doctor, clinic missing, or clinic writing nothing). Two
 * processes rather than both profilers in one, because clinic's samplers and V8's profilers would each
 * distort what the other measures. Everything a run leaves is in `reports/doctor-<scenario>-<stamp>/`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MockExchange } from '../exchange/index.ts';
import { SoakError } from '../errors.ts';
import { freePort, NdjsonWriter, REPO_ROOT, startScenarioMocks, TargetProcess, utcStamp, type TargetExit } from '../runner/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { ClinicProcess, clinicBin, type ClinicExit } from './clinic-process.ts';
import { clinicHtmlSuffix, clinicSupport, type ClinicTool } from './clinic-support.ts';
import { findProfiles, type ProfileFile } from './profile-files.ts';

/** What to diagnose and how. */
export interface DoctorOptions {
  scenario: Scenario;
  durationMs: number;
  tool: ClinicTool;
  /** Run directory; default `reports/doctor-<scenario>-<UTC timestamp>/`. */
  out?: string;
  /** The Node version clinic would run the target on (default: this one, which spawns it). */
  nodeVersion?: string;
  /** Aborting ends the measured time early (the outputs are still written). */
  signal?: AbortSignal;
  /** Progress lines. */
  onLine?: (line: string) => void;
  /** How long clinic may analyse after the target stopped (default 5 min). */
  analysisGraceMs?: number;
}

/** What clinic did: `ok` (HTML written), `unsupported` (not run, with why), `no-output` or `failed`. */
export interface ClinicOutcome {
  tool: ClinicTool;
  status: 'ok' | 'unsupported' | 'no-output' | 'failed';
  reason?: string;
  html?: string;
  exit?: ClinicExit;
}

/** The result of one doctor run (also written as doctor.json). */
export interface DoctorResult {
  runDir: string;
  scenario: string;
  node: string;
  durationMs: number;
  clinic: ClinicOutcome;
  profiles: ProfileFile[];
  profilerExit: TargetExit | undefined;
  events: number;
}

/** The contract variables for the mocks (SOAK_* inherited from elsewhere are dropped). */
function feedEnv(mocks: readonly MockExchange[], metricsPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SOAK_')) env[key] = value;
  for (const mock of mocks) {
    if (mock.exchange === 'binance') {
      env.SOAK_BINANCE_WS = mock.wsUrl;
      env.SOAK_BINANCE_REST = mock.restUrl ?? '';
      env.SOAK_BINANCE_SYMBOLS = mock.symbols.join(',');
    } else {
      env.SOAK_OKX_WS = mock.wsUrl;
      env.SOAK_OKX_SYMBOLS = mock.symbols.join(',');
    }
  }
  env.SOAK_METRICS_PORT = String(metricsPort);
  return env;
}

/** Waits `ms`, or less when `signal` aborts. */
function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/** The clinic HTML in `dir` for `tool`, if clinic wrote one. */
export function findClinicHtml(dir: string, tool: ClinicTool): string | undefined {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const html = names.filter((name) => name.endsWith(clinicHtmlSuffix(tool))).sort().at(-1);
  return html === undefined ? undefined : join(dir, html);
}

/** Judges clinic's run from its exit and what it left in its directory. */
export function clinicOutcome(tool: ClinicTool, dir: string, exit: ClinicExit): ClinicOutcome {
  const html = findClinicHtml(dir, tool);
  if (html !== undefined) return { tool, status: 'ok', html, exit };
  const last = exit.lastOutput.at(-1) ?? 'no output';
  if (exit.killed) return { tool, status: 'failed', reason: `clinic ${tool} did not finish its analysis in time and was killed (last output: ${last})`, exit };
  if (exit.code === 0) {
    return { tool, status: 'no-output', reason: `clinic ${tool} exited 0 but wrote no *${clinicHtmlSuffix(tool)} in ${dir} (last output: ${last})`, exit };
  }
  return { tool, status: 'failed', reason: `clinic ${tool} exited with ${exit.code ?? exit.signal} and wrote no report (last output: ${last})`, exit };
}

/** Runs the doctor; throws SoakError only when nothing could be started. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const { scenario, tool, durationMs } = options;
  const say = options.onLine ?? (() => undefined);
  const runDir = options.out ? resolve(options.out) : join(REPO_ROOT, 'reports', `doctor-${scenario.name}-${utcStamp(new Date())}`);
  const clinicDir = join(runDir, 'clinic');
  const profileDir = join(runDir, 'profiles');
  try {
    mkdirSync(clinicDir, { recursive: true });
    mkdirSync(profileDir, { recursive: true });
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot create ${runDir}: ${(error as Error).message}`, { cause: error });
  }
  const nodeVersion = options.nodeVersion ?? process.version;
  const bin = clinicBin(REPO_ROOT);
  const support = bin === undefined ? { supported: false as const, reason: 'clinic is not installed (node_modules/clinic/bin.js missing; run npm ci)' } : clinicSupport(tool, nodeVersion);
  if (!support.supported) say(`doctor: clinic ${tool} cannot run here: ${support.reason}; writing Node's own --cpu-prof/--heap-prof profiles only`);

  const events = new NdjsonWriter(join(runDir, 'events.ndjson'));
  let eventCount = 0;
  const mocks = await startScenarioMocks(scenario, performance.now(), (event) => {
    eventCount++;
    events.write(event);
  });
  const collector = [process.execPath, '--import', join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs'), join(REPO_ROOT, 'src', 'cli', 'main.ts')];
  let profiler: TargetProcess | undefined;
  let clinic: ClinicProcess | undefined;
  let clinicResult: ClinicOutcome = { tool, status: 'unsupported', reason: support.supported ? undefined : support.reason };
  let profilerExit: TargetExit | undefined;
  const startedAt = performance.now();
  try {
    const profileEnv = feedEnv(mocks, await freePort());
    profiler = await TargetProcess.start({
      command: process.execPath,
      args: ['--cpu-prof', '--cpu-prof-dir', profileDir, '--heap-prof', '--heap-prof-dir', profileDir, ...collector.slice(1)],
      env: profileEnv,
      cwd: REPO_ROOT,
      logFile: join(runDir, 'profiled-collector.log'),
    });
    say(`doctor: profiled collector (pid ${profiler.pid}) writes --cpu-prof/--heap-prof into ${profileDir}`);
    if (support.supported && bin !== undefined) {
      clinic = await ClinicProcess.start(bin, tool, clinicDir, collector, feedEnv(mocks, await freePort()), join(runDir, 'clinic.log'));
      say(`doctor: clinic ${tool} (pid ${clinic.pid}) runs the collector; report into ${clinicDir}`);
    }
    say(`doctor: feeding ${scenario.exchanges.join(' + ')} (${scenario.name}) for ${(durationMs / 1000).toFixed(0)} s`);
    await waitOrAbort(durationMs, options.signal);
  } finally {
    const stopping: Array<Promise<unknown>> = [];
    if (profiler) stopping.push(profiler.stop(10_000).then((exit) => (profilerExit = exit)));
    if (clinic) {
      say(`doctor: stopping; clinic ${tool} analyses (this can take a while)`);
      const running = clinic;
      stopping.push(running.stop(options.analysisGraceMs ?? 300_000).then((exit) => (clinicResult = clinicOutcome(tool, clinicDir, exit))));
    }
    await Promise.allSettled(stopping);
    await Promise.all(mocks.map((mock) => mock.close()));
    events.close();
  }
  const result: DoctorResult = {
    runDir,
    scenario: scenario.name,
    node: nodeVersion,
    durationMs: performance.now() - startedAt,
    clinic: clinicResult,
    profiles: findProfiles(profileDir),
    profilerExit,
    events: eventCount,
  };
  writeFileSync(join(runDir, 'doctor.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
