using System.Runtime.CompilerServices;

// The spatial index and geometry are internal details of the snapshot, tested directly in their own right.
[assembly: InternalsVisibleTo("Tongguan.Cases.Tests")]
