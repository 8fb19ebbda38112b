"""SQLAlchemy 2 (psycopg 3) against relata serve: create_all, one-to-one / one-to-many /
many-to-many relationships with passive_deletes (the database's ON DELETE CASCADE does the
deleting), reflection of the tables, IntegrityError on a duplicate, drop_all.
Run by test/unit/orm-python.test.ts with RELATA_URL set; exits non-zero on a failure."""
import os
from sqlalchemy import (Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint, create_engine, inspect,
                        select, func, MetaData)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


tagging = Table(
    "tagging", Base.metadata,
    Column("post_id", ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    bio: Mapped["Bio"] = relationship(back_populates="author", uselist=False, cascade="all, delete-orphan", passive_deletes=True)
    posts: Mapped[list["Post"]] = relationship(back_populates="author", cascade="all, delete-orphan", passive_deletes=True,
                                               order_by="Post.title")


class Bio(Base):
    __tablename__ = "bio"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[Author] = relationship(back_populates="bio")


class Post(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[Author] = relationship(back_populates="posts")
    tags: Mapped[list["Tag"]] = relationship(secondary=tagging, back_populates="posts", passive_deletes=True, order_by="Tag.name")
    __table_args__ = (UniqueConstraint("author_id", "title", name="post_author_title"),)


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    posts: Mapped[list[Post]] = relationship(secondary=tagging, back_populates="tags", passive_deletes=True)


def main() -> None:
    engine = create_engine(os.environ["RELATA_URL"].replace("postgresql://", "postgresql+psycopg://"))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)

    with Session(engine) as s:
        red, blue = Tag(name="red"), Tag(name="blue")
        ann = Author(name="Ann", bio=Bio(text="writes"), posts=[Post(title="One", tags=[red, blue]), Post(title="Two", tags=[red])])
        bob = Author(name="Bob", posts=[Post(title="Three", tags=[blue])])
        s.add_all([ann, bob])
        s.commit()

    with Session(engine) as s:
        ann = s.scalars(select(Author).where(Author.name == "Ann")).one()
        assert ann.bio.text == "writes", ann.bio
        assert [p.title for p in ann.posts] == ["One", "Two"], ann.posts
        assert [t.name for t in ann.posts[0].tags] == ["blue", "red"]
        red = s.scalars(select(Tag).where(Tag.name == "red")).one()
        assert sorted(p.title for p in red.posts) == ["One", "Two"]
        counts = s.execute(select(Author.name, func.count(Post.id)).join(Post).group_by(Author.name).order_by(Author.name)).all()
        assert [tuple(r) for r in counts] == [("Ann", 2), ("Bob", 1)], counts

    with Session(engine) as s:
        s.add(Author(name="Ann"))
        try:
            s.commit()
            raise AssertionError("a duplicate name was accepted")
        except IntegrityError as e:
            assert e.orig.sqlstate == "23505", e.orig.sqlstate
            assert e.orig.diag.constraint_name == "author_name_key", e.orig.diag.constraint_name
            s.rollback()

    with Session(engine) as s:
        # passive_deletes: the ORM leaves the children to the database's ON DELETE CASCADE
        s.delete(s.scalars(select(Author).where(Author.name == "Ann")).one())
        s.commit()
        assert s.scalar(select(func.count()).select_from(Post)) == 1
        assert s.scalar(select(func.count()).select_from(Bio)) == 0
        assert s.scalar(select(func.count()).select_from(tagging)) == 1

    insp = inspect(engine)
    assert sorted(insp.get_table_names()) == ["author", "bio", "post", "tag", "tagging"], insp.get_table_names()
    cols = {c["name"]: (str(c["type"]), c["nullable"]) for c in insp.get_columns("post")}
    assert cols == {"id": ("INTEGER", False), "author_id": ("INTEGER", False), "title": ("VARCHAR(100)", False)}, cols
    assert insp.get_pk_constraint("tagging")["constrained_columns"] == ["post_id", "tag_id"]
    fks = sorted((fk["constrained_columns"], fk["referred_table"], fk["referred_columns"], fk["options"].get("ondelete"))
                 for fk in insp.get_foreign_keys("tagging"))
    assert fks == [(["post_id"], "post", ["id"], "CASCADE"), (["tag_id"], "tag", ["id"], "CASCADE")], fks
    uniques = [(u["name"], u["column_names"]) for u in insp.get_unique_constraints("post")]
    assert uniques == [("post_author_title", ["author_id", "title"])], uniques
    indexes = [(i["name"], i["column_names"], i["unique"]) for i in insp.get_indexes("post")]
    assert indexes == [("ix_post_author_id", ["author_id"], False), ("post_author_title", ["author_id", "title"], True)], indexes

    reflected = MetaData()
    reflected.reflect(engine)
    assert sorted(reflected.tables) == ["author", "bio", "post", "tag", "tagging"]
    assert [c.name for c in reflected.tables["bio"].columns] == ["id", "author_id", "text"]

    Base.metadata.drop_all(engine)
    assert inspect(engine).get_table_names() == []
    print("sqlalchemy ok")


if __name__ == "__main__":
    main()
