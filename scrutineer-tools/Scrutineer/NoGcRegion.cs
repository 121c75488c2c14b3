using System.Runtime;

namespace Scrutineer;

/// <summary>
/// Runs a step that builds a large, wholly live structure (reading a big BLT file: hundreds of thousands of
/// ranking arrays, none of them garbage) with the collector held off. Every collection during it would only copy
/// survivors from one generation to the next; on a million-ballot file that was a tenth of the run
/// (docs/benchmarks.md). Past the budget the runtime collects as usual and the step carries on.
/// </summary>
internal static class NoGcRegion
{
    /// <summary>What the region may allocate at most: enough for a large count, small beside the 200 MB a count may use.</summary>
    public const long MaxBudget = 128L * 1024 * 1024;

    public static T Run<T>(long budget, Func<T> step)
    {
        bool started;
        try { started = GC.TryStartNoGCRegion(Math.Clamp(budget, 1L << 20, MaxBudget)); }
        catch (InvalidOperationException) { started = false; } // already in a region (a caller's)
        try { return step(); }
        finally
        {
            // The runtime leaves the region on its own when the budget runs out; ending it then would throw.
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }
}
