using System.Runtime.InteropServices;
using Parallelize.Native;

namespace Parallelize.Sharing;

/// <summary>One waiter of a condition: its own futex word, its process, and its place in line.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ConditionSlot
{
    public const int Free = 0;
    public const int Waiting = 1;
    public const int Notified = 2;

    /// <summary><see cref="Free"/>, <see cref="Waiting"/> or <see cref="Notified"/>; the waiter sleeps on it.</summary>
    public int State;

    public int Pid;

    /// <summary>When the waiter arrived: the condition's ticket counter at the time, which wraps.</summary>
    public uint Ticket;

    private readonly int _spare;
}

/// <summary>The shared state of a condition besides its lock: the ticket counter, how many slots wait, and the slots.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ConditionQueue
{
    public uint NextTicket;
    public int WaitingCount;
}

/// <summary>
/// The waiters of a condition variable as a table of slots, each with its own futex word, changed only under the
/// condition's lock (Python's <c>threading.Condition</c> keeps a queue of per-waiter locks the same way). A notify
/// marks the oldest waiting slots and wakes exactly their threads, so <c>Notify(1)</c> releases one waiter, in arrival
/// order, and a waiter that arrives later can never take a notification meant for an earlier one.
/// </summary>
/// <remarks>
/// Slots remember their process, so a waiter whose process died is skipped (and its slot reclaimed) instead of
/// swallowing a notification.
/// </remarks>
internal static unsafe class ConditionSlots
{
    /// <summary>Takes a free slot for the calling thread, in line after every current waiter. Call holding the lock.</summary>
    /// <exception cref="InvalidOperationException">Every slot holds a live waiter.</exception>
    public static ConditionSlot* Claim(ConditionQueue* queue, ConditionSlot* slots, int capacity)
    {
        ConditionSlot* slot = FindFree(slots, capacity);
        if (slot == null)
        {
            ReclaimDead(queue, slots, capacity);
            slot = FindFree(slots, capacity);
            if (slot == null)
            {
                throw new InvalidOperationException(
                    $"{capacity} threads already wait on this ProcessCondition, the most it holds at once.");
            }
        }

        slot->Pid = Environment.ProcessId;
        slot->Ticket = queue->NextTicket++;
        Volatile.Write(ref slot->State, ConditionSlot.Waiting);
        queue->WaitingCount++;
        return slot;
    }

    /// <summary>Gives a slot back once its waiter holds the lock again; true when it had been notified.</summary>
    public static bool Leave(ConditionQueue* queue, ConditionSlot* slot)
    {
        bool notified = Volatile.Read(ref slot->State) == ConditionSlot.Notified;
        if (!notified)
        {
            queue->WaitingCount--;
        }

        Volatile.Write(ref slot->State, ConditionSlot.Free);
        return notified;
    }

    /// <summary>Notifies the <paramref name="count"/> oldest waiters of live processes (fewer when fewer wait) and
    /// returns how many. Call holding the lock.</summary>
    public static int Notify(ConditionQueue* queue, ConditionSlot* slots, int capacity, int count)
    {
        var liveness = new LivenessCache();
        int notified = 0;
        while (notified < count && queue->WaitingCount > 0)
        {
            ConditionSlot* oldest = null;
            uint oldestAge = 0;
            for (int i = 0; i < capacity; i++)
            {
                ConditionSlot* slot = slots + i;
                if (slot->State == ConditionSlot.Waiting)
                {
                    uint age = queue->NextTicket - slot->Ticket;
                    if (oldest == null || age > oldestAge)
                    {
                        oldest = slot;
                        oldestAge = age;
                    }
                }
            }

            if (oldest == null)
            {
                queue->WaitingCount = 0; // a count left high by a process that died changing it
                break;
            }

            queue->WaitingCount--;
            if (!liveness.IsAlive(oldest->Pid))
            {
                Volatile.Write(ref oldest->State, ConditionSlot.Free);
                continue;
            }

            Wake(oldest);
            notified++;
        }

        return notified;
    }

    /// <summary>Notifies every waiter of a live process. Call holding the lock.</summary>
    public static void NotifyAll(ConditionQueue* queue, ConditionSlot* slots, int capacity)
    {
        var liveness = new LivenessCache();
        for (int i = 0; i < capacity && queue->WaitingCount > 0; i++)
        {
            ConditionSlot* slot = slots + i;
            if (slot->State != ConditionSlot.Waiting)
            {
                continue;
            }

            queue->WaitingCount--;
            if (liveness.IsAlive(slot->Pid))
            {
                Wake(slot);
            }
            else
            {
                Volatile.Write(ref slot->State, ConditionSlot.Free);
            }
        }
    }

    /// <summary>Recounts the waiting slots, after taking the lock over from a process that died holding it, possibly
    /// halfway through changing the queue. Call holding the lock.</summary>
    public static void Repair(ConditionQueue* queue, ConditionSlot* slots, int capacity)
    {
        int waiting = 0;
        for (int i = 0; i < capacity; i++)
        {
            if (slots[i].State == ConditionSlot.Waiting)
            {
                waiting++;
            }
        }

        queue->WaitingCount = waiting;
    }

    private static void Wake(ConditionSlot* slot)
    {
        Volatile.Write(ref slot->State, ConditionSlot.Notified);
        Futex.Wake(&slot->State, 1);
    }

    private static ConditionSlot* FindFree(ConditionSlot* slots, int capacity)
    {
        for (int i = 0; i < capacity; i++)
        {
            if (slots[i].State == ConditionSlot.Free)
            {
                return slots + i;
            }
        }

        return null;
    }

    /// <summary>Frees the slots of processes that died waiting or before leaving, which nobody else would free.</summary>
    private static void ReclaimDead(ConditionQueue* queue, ConditionSlot* slots, int capacity)
    {
        var liveness = new LivenessCache();
        for (int i = 0; i < capacity; i++)
        {
            ConditionSlot* slot = slots + i;
            if (slot->State != ConditionSlot.Free && !liveness.IsAlive(slot->Pid))
            {
                if (slot->State == ConditionSlot.Waiting)
                {
                    queue->WaitingCount--;
                }

                Volatile.Write(ref slot->State, ConditionSlot.Free);
            }
        }
    }

    /// <summary>Asks the system about each other process once per pass: a notify of many waiters from a few processes
    /// looks at each process once.</summary>
    private struct LivenessCache
    {
        private int _alive;
        private int _dead;

        public bool IsAlive(int pid)
        {
            if (pid == Environment.ProcessId || pid == _alive)
            {
                return true;
            }

            if (pid == _dead)
            {
                return false;
            }

            if (ProcessLiveness.IsAlive(pid))
            {
                _alive = pid;
                return true;
            }

            _dead = pid;
            return false;
        }
    }
}
