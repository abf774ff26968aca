// Runs ../five-steps.bpmn on bpmn-engine N times, one instance after another, and prints instances/s as JSON.
// The XML is parsed and serialised once, as Tongguan and WorkflowCore also prepare their definition once.
// Each round runs instances back to back for a fixed time (bpmn-engine's speed varies by orders of magnitude with the
// machine, so a fixed count would make the run time unpredictable).
// Usage: node five-steps.mjs [--seconds S per round] [--warmup-seconds S] [--rounds N]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as Elements from 'bpmn-elements';
import BpmnModdle from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { Engine } from 'bpmn-engine';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const roundSeconds = Number(args.seconds ?? 5);
const warmupSeconds = Number(args['warmup-seconds'] ?? 2);
const rounds = Number(args.rounds ?? 3);

const source = await readFile(fileURLToPath(new URL('../five-steps.bpmn', import.meta.url)), 'utf8');
const moddleContext = await new BpmnModdle().fromXML(source);
const sourceContext = serializer(moddleContext, TypeResolver(Elements));

const stepIds = ['step1', 'step2', 'step3', 'step4', 'step5'];
const services = {
  // The same wait-free work as Tongguan's handler: record "<stepId>Done = true" in the instance's variables.
  markDone(executionMessage, callback) {
    this.environment.output[`${executionMessage.content.id}Done`] = true;
    callback(null, true);
  },
};

async function runOne() {
  const engine = new Engine({ name: 'fiveSteps', sourceContext, services });
  // Listen before executing: with synchronous services the engine may end inside execute().
  const ended = new Promise((resolve, reject) => {
    engine.once('end', resolve);
    engine.once('error', reject);
  });
  const execution = await engine.execute();
  await ended;
  return execution.environment.output;
}

const first = await runOne();
for (const id of stepIds) {
  if (first[`${id}Done`] !== true) {
    throw new Error(`bpmn-engine did not run ${id}: output ${JSON.stringify(first)}`);
  }
}

async function runFor(seconds) {
  const started = performance.now();
  const until = started + seconds * 1000;
  let count = 0;
  while (performance.now() < until) {
    await runOne();
    count++;
  }
  return { count, seconds: (performance.now() - started) / 1000 };
}

await runFor(warmupSeconds);
const perRound = [];
let total = 0;
for (let r = 0; r < rounds; r++) {
  const { count, seconds } = await runFor(roundSeconds);
  total += count;
  perRound.push(count / seconds);
}

perRound.sort((a, b) => a - b);
console.log(JSON.stringify({
  engine: 'bpmn-engine',
  version: JSON.parse(await readFile(fileURLToPath(new URL('./node_modules/bpmn-engine/package.json', import.meta.url)), 'utf8')).version,
  node: process.version,
  rounds,
  secondsPerRound: roundSeconds,
  instances: total,
  instancesPerSecond: perRound[Math.floor(perRound.length / 2)],
  instancesPerSecondRounds: perRound,
}));
