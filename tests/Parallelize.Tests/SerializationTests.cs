using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Every carried type crosses to a real child and back unchanged, edge values included.</summary>
public sealed class SerializationTests
{
    private static async Task<T> RoundTrip<T>(Call<T> call)
    {
        await using ChildProcess<T> child = ChildProcess.Start(call);
        return await child.JoinAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task All_primitive_types_cross_as_arguments()
    {
        string result = await RoundTrip(ChildMethods.Calls.Concat(
            true, byte.MaxValue, sbyte.MinValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue,
            long.MinValue, ulong.MaxValue, '\uFFFF', float.Epsilon, double.MaxValue, decimal.MinValue,
            nint.MinValue, nuint.MaxValue, null, Mood.Angry, Big.Low));

        Assert.Equal(
            "True|255|-128|-32768|65535|-2147483648|4294967295|-9223372036854775808|18446744073709551615|65535|1E-45|" +
            "1.7976931348623157E+308|-79228162514264337593543950335|-9223372036854775808|18446744073709551615|<null>|Angry|Low",
            result);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0)]
    [InlineData(double.Epsilon)]
    public async Task Doubles_cross_bit_for_bit(double value)
    {
        double back = await RoundTrip(ChildMethods.Calls.EchoDouble(value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public async Task Float_NaN_and_decimal_precision_survive()
    {
        Assert.True(float.IsNaN(await RoundTrip(ChildMethods.Calls.EchoSingle(float.NaN))));
        Assert.Equal(1.0000000000000000000000000001m, await RoundTrip(ChildMethods.Calls.EchoDecimal(1.0000000000000000000000000001m)));
        Assert.Equal(decimal.MaxValue, await RoundTrip(ChildMethods.Calls.EchoDecimal(decimal.MaxValue)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("surrogate pair 😀 and 𝄞, accents é, CJK 漢字")]
    public async Task Strings_cross_unchanged(string? value)
    {
        Assert.Equal(value, await RoundTrip(ChildMethods.Calls.EchoString(value)));
    }

    [Fact]
    public async Task Chars_and_enums_cross_unchanged()
    {
        Assert.Equal('\uD83D', await RoundTrip(ChildMethods.Calls.EchoChar('\uD83D')));
        Assert.Equal(Mood.Angry, await RoundTrip(ChildMethods.Calls.EchoMood(Mood.Angry)));
        Assert.Equal((Mood)77, await RoundTrip(ChildMethods.Calls.EchoMood((Mood)77)));
    }

    [Fact]
    public async Task Arrays_cross_including_null_empty_and_jagged()
    {
        Assert.Null(await RoundTrip(ChildMethods.Calls.EchoInts(null)));
        Assert.Empty((await RoundTrip(ChildMethods.Calls.EchoInts([])))!);
        Assert.Equal(new int[] { int.MinValue, 0, int.MaxValue }, await RoundTrip(ChildMethods.Calls.EchoInts([int.MinValue, 0, int.MaxValue])));
        Assert.Equal(new string?[] { "a", null, "", "😀" }, await RoundTrip(ChildMethods.Calls.EchoStrings(["a", null, "", "😀"])));
        Assert.Equal(new[] { true, false, true }, await RoundTrip(ChildMethods.Calls.EchoBools([true, false, true])));
        Assert.Equal(new[] { decimal.MinValue, 0.5m }, await RoundTrip(ChildMethods.Calls.EchoDecimals([decimal.MinValue, 0.5m])));
        Assert.Equal(new[] { Mood.Calm, Mood.Angry }, await RoundTrip(ChildMethods.Calls.EchoMoods([Mood.Calm, Mood.Angry])));
        long[][] jagged = [[1, 2], [], [long.MaxValue]];
        Assert.Equal(jagged, await RoundTrip(ChildMethods.Calls.EchoJagged(jagged)));
    }

    [Fact]
    public async Task A_megabyte_array_crosses_both_ways()
    {
        byte[] data = new byte[1 << 20];
        new Random(7).NextBytes(data);

        byte[] back = await RoundTrip(ChildMethods.Calls.Reverse(data));

        Array.Reverse(back);
        Assert.Equal(data, back);
    }
}
