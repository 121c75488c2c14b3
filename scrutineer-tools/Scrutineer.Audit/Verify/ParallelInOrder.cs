using System.Runtime.ExceptionServices;

namespace Scrutineer.Verify;

/// <summary>Runs independent steps on every core but reports like a loop would: the failure of the lowest step, as itself.</summary>
/// <remarks>
/// Reading an export's files in parallel must still give the plain input error ("entry bundle … is missing") for the
/// first bad file in log order, not an AggregateException naming whichever file a thread reached first.
/// </remarks>
internal static class ParallelInOrder
{
    public static void For(int count, Action<int> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var failures = new Exception?[count];
        Parallel.For(0, count, i =>
        {
            try { step(i); }
            catch (Exception e) { failures[i] = e; } // rethrown below, the lowest first, exactly as thrown
        });
        if (failures.FirstOrDefault(f => f is not null) is { } first) ExceptionDispatchInfo.Throw(first);
    }
}
