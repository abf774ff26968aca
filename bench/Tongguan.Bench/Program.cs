using Tongguan.Bench;
using Tongguan.Bench.Cases;
using Tongguan.Bench.Deadlines;
using Tongguan.Bench.Dedup;
using Tongguan.Bench.Durable;
using Tongguan.Bench.InMemory;
using Tongguan.Bench.Reporting;
using Tongguan.Bench.SlaScale;
using Tongguan.Bench.Soak;

// Commands (bench/run.sh runs them all and writes bench/RESULTS.md):
//   inmemory [--node-seconds 5] [--out section.md]
//   durable --provider sqlite|postgresql [--connection "..."] [--mode cycle|start] [--clients 8] [--seconds 20]
//           [--warmup-seconds 3] [--max-instances N] [--out result.json]
//   breakdown --provider sqlite|postgresql [--connection "..."] [--calls 2000] [--out breakdown.json]
//   deadlines [--connection "..."] [--deadlines 100000] [--window-seconds 60] [--scheduler Hangfire|Quartz] [--out section.md]
//   report --environment env.md --inmemory section.md --durable-folder folder [--breakdown breakdown.json] [--cases-folder folder]
//          [--notes METHOD.md] --command "..." --out RESULTS.md
//   dedup [--cases 1000000] [--intakes 20000]
//   intake --provider sqlite|postgresql [--connection "..."] [--clients 8] [--seconds 20] [--warmup-seconds 5]
//          [--duplicates 0.1] [--preload 0] [--max-reports N] [--out intake-x.json]
//   loop --provider sqlite|postgresql [--connection "..."] [--clients 8] [--seconds 20] [--warmup-seconds 5]
//        [--max-loops N] [--out loop-x.json]
//   soak [--provider postgresql] [--connection "..."] [--minutes 60] [--clients 4] [--think-ms 50] [--sample-seconds 60]
//        [--machine machine.md] [--command "..."] [--csv samples.csv] [--results bench/RESULTS.md]
//   sla-scale [--connection "..."] [--journal-rows 10000000] [--sqlite-journal-rows 1000000] [--database tg_sla_10m]
//             [--runs 3] [--skip-load] [--keep] [--note "..."] [--results bench/RESULTS.md]
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var commandLine = new BenchArguments(args);
return commandLine.Command switch
{
    "inmemory" => await InMemoryComparison.RunAsync(commandLine, cancellation.Token),
    "durable" => await DurableLoad.RunAsync(commandLine, cancellation.Token),
    "breakdown" => await StartBreakdown.RunAsync(commandLine, cancellation.Token),
    "report" => await ResultsReport.WriteAsync(commandLine, cancellation.Token),
    "deadlines" => await DeadlineFiring.RunAsync(commandLine, cancellation.Token),
    "dedup" => DedupLookupBenchmark.Run(commandLine),
    "intake" => await IntakeLoad.RunAsync(commandLine, cancellation.Token),
    "loop" => await ClosedLoopLoad.RunAsync(commandLine, cancellation.Token),
    "soak" => await SoakLoad.RunAsync(commandLine, cancellation.Token),
    "sla-scale" => await SlaScaleBenchmark.RunAsync(commandLine, cancellation.Token),
    "sla-scale-read" => await SlaScaleBenchmark.ReadAsync(commandLine, cancellation.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Tongguan.Bench inmemory|durable|breakdown|deadlines|dedup|intake|loop|soak|sla-scale|report [options] — see bench/run.sh and bench/RESULTS.md");
    return 2;
}
