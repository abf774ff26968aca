namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>Deletes a test's temporary folder.</summary>
/// <remarks>
/// Tried again for a few seconds: a host, scheduler or server just stopped can still be closing or removing its
/// files (an SQLite -wal or -shm file, a PostgreSQL process finishing an immediate shutdown), and a recursive delete
/// that meets a file appearing or vanishing under it fails with "Directory not empty". Such a fixture clean-up
/// failure failed a whole CI run once, with every test passed. A folder that still cannot be deleted afterwards is a
/// real fault and throws.
/// </remarks>
public static class TempFolder
{
    private const int Attempts = 20;

    /// <summary>Deletes the folder and everything in it; nothing to do when it does not exist.</summary>
    public static void Delete(string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && attempt < Attempts)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
        }
    }
}
