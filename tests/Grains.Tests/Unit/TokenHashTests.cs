using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>A token hash is a value: two hashes of one token are equal, whatever arrays hold them.</summary>
public sealed class TokenHashTests
{
    [Fact]
    public void Hashes_of_the_same_token_are_equal_and_hash_alike_and_of_different_tokens_are_not()
    {
        var one = TokenHash.Of("secret");
        var again = new TokenHash(TokenHash.Of("secret").Value.ToArray());

        Assert.True(one == again);
        Assert.Equal(one, again);
        Assert.Equal(one.GetHashCode(), again.GetHashCode());
        Assert.Single(new HashSet<TokenHash> { one, again });
        Assert.False(one == TokenHash.Of("other"));
        Assert.NotEqual(one, TokenHash.Of("other"));
    }
}
