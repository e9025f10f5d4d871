using System.Buffers;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// The first <c>max</c> bytes that pass through a body stream, copied as they go by: the request body as
/// the endpoint reads it, the response body as it is written. Nothing is read or buffered beyond what
/// the request itself does. The buffer is pooled: the writer calls <see cref="Release"/> once it has
/// turned the bytes into a row (a dropped entry's buffer is simply collected). The pool is the feature's own, sized for
/// the entries a write interval holds: the shared pool keeps a few dozen arrays per size, so with hundreds of entries
/// waiting most captures would allocate a buffer that lives until the write, and every such survivor of a gen0
/// collection makes the GC grow its gen0 budget and the process's working set. A limit that depends on the response
/// (its status is final once its body is written) is asked for at the first byte, so a cut body is never copied whole.
/// </summary>
internal sealed class BodyCapture
{
    /// <summary>Enough for the entries of a busy write interval; at most 512 arrays of each size are kept (1 MiB of 2 KiB reads).</summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(1024 * 1024, 512);

    private readonly Func<int>? limitAtFirstByte;
    private byte[] buffer = [];
    private int length;
    private int max;
    private bool started;

    public BodyCapture(int max) => this.max = max;

    public BodyCapture(Func<int> limitAtFirstByte) => this.limitAtFirstByte = limitAtFirstByte;

    public bool Truncated { get; private set; }

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (!started)
        {
            started = true;
            max = limitAtFirstByte?.Invoke() ?? max;
        }

        var room = max - length;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..room];
        }

        if (data.IsEmpty)
        {
            return;
        }

        if (length + data.Length > buffer.Length)
        {
            var larger = Pool.Rent(Math.Min(max, Math.Max(length + data.Length, Math.Max(4096, buffer.Length * 2))));
            buffer.AsSpan(0, length).CopyTo(larger);
            Return();
            buffer = larger;
        }

        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    /// <summary>Gives the buffer back to the pool; the capture is empty afterwards.</summary>
    public void Release()
    {
        Return();
        buffer = [];
        length = 0;
    }

    private void Return()
    {
        if (buffer.Length > 0)
        {
            Pool.Return(buffer);
        }
    }
}

/// <summary>A pass-through stream that shows what goes by to a <see cref="BodyCapture"/>.</summary>
internal sealed class CapturingStream(Stream inner, BodyCapture capture) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        capture.Append(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        capture.Append(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        capture.Append(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        capture.Append(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
