// Passwords in connection strings, hidden wherever a connection is shown (hand-written cases of
// the forms libpq and GDAL take).
#include <gtest/gtest.h>

#include "core/connection_text.hpp"

using namespace palliacarte;

TEST(ConnectionText, HidesThePasswordInEveryForm) {
    EXPECT_EQ(core::without_password("PG:dbname=ars host=db user=sig password=s3cret port=5432"),
              "PG:dbname=ars host=db user=sig password=*** port=5432");
    EXPECT_EQ(core::without_password("PG:password=s3cret dbname=ars"),
              "PG:password=*** dbname=ars");
    EXPECT_EQ(core::without_password("PG:dbname=ars password = 's3 cr\\'et' user=sig"),
              "PG:dbname=ars password = *** user=sig");
    EXPECT_EQ(core::without_password("PG:dbname=ars PASSWORD=s3cret"),
              "PG:dbname=ars PASSWORD=***");
    EXPECT_EQ(core::without_password("postgresql://sig:s3cret@db.ars.fr:5432/ars"),
              "postgresql://sig:***@db.ars.fr:5432/ars");
    EXPECT_EQ(core::without_password("PG:postgresql://sig@db/ars?password=s3cret&sslmode=require"),
              "PG:postgresql://sig@db/ars?password=***&sslmode=require");
    EXPECT_EQ(core::without_password("erreur : PG:dbname=x password=s3cret: connexion refusée"),
              "erreur : PG:dbname=x password=*** connexion refusée");
}

TEST(ConnectionText, LeavesTextWithoutPasswordAlone) {
    for (const std::string s : {"PG:dbname=ars host=/tmp user=sig", "postgresql://sig@db/ars",
                                "data/corse.json", "mot de passe oublié", "passwords=2"})
        EXPECT_EQ(core::without_password(s), s);
    EXPECT_TRUE(core::is_postgres_connection("PG:dbname=x"));
    EXPECT_TRUE(core::is_postgres_connection("pg:dbname=x"));
    EXPECT_FALSE(core::is_postgres_connection("out/PG"));
}
