/*
 * extern.h: the named-entity tagger shared by extract-entities and
 * train-entities: tokenizer, lexicons (word clusters, gazetteer), feature
 * extraction, the averaged-perceptron model with Viterbi decoding, and
 * the grouping of mentions into entities.
 */
#ifndef NE_EXTERN_H
#define NE_EXTERN_H

#include <stddef.h>
#include <stdint.h>

/* Entity types, in CoNLL order. */
enum ne_type { NE_PER, NE_ORG, NE_LOC, NE_MISC, NE_NTYPES };

/*
 * BILOU labels: 0 is O, then for each type B, I, L, U.  A label's type is
 * (label - 1) / 4 and its position (label - 1) % 4.
 */
#define NE_NLABELS	(1 + 4 * NE_NTYPES)
enum { NE_B, NE_I, NE_L, NE_U };
#define NE_LABEL(type, pos)	(1 + 4 * (type) + (pos))
#define NE_LTYPE(l)		(((l) - 1) / 4)
#define NE_LPOS(l)		(((l) - 1) % 4)

extern const char *const ne_type_names[NE_NTYPES];

/* Longest token kept whole (bytes); longer runs are cut into pieces. */
#define NE_MAXTOK	64
/* Longest sentence (tokens); a longer one is cut. */
#define NE_MAXSENT	256

/* Token flags. */
#define NE_TF_UPPER1	0x01	/* starts with an upper-case ASCII letter */
#define NE_TF_ALLCAPS	0x02	/* letters present, all upper case */
#define NE_TF_DIGIT	0x04	/* has a digit */
#define NE_TF_ALPHA	0x08	/* has a letter (or a non-ASCII byte) */
#define NE_TF_PUNCT	0x10	/* punctuation token */
#define NE_TF_SENTEND	0x20	/* sentence ends after this token */

/* One token: a span of the text and facts about it. */
struct ne_token {
	size_t		 start, end;	/* byte offsets, end exclusive */
	uint64_t	 hword;		/* hash of the exact form */
	uint64_t	 hlower;	/* hash of the ASCII-lower-cased form */
	uint32_t	 cluster;	/* 0: unknown; else path + 1 */
	uint32_t	 gaz;		/* gazetteer bits (NE_G_*) */
	uint16_t	 flags;
	uint8_t		 sentinit;	/* first token of its sentence */
	uint8_t		 headline;	/* its sentence is all capitals */
	uint8_t		 label;		/* gold (training) or predicted label */
	uint16_t	 doc;		/* document facts (NE_D_*) */
};

/* Gazetteer categories: a bit per category and position. */
enum { NE_GC_COUNTRY, NE_GC_REGION, NE_GC_CITY, NE_GC_LANGUAGE,
	NE_GC_CURRENCY, NE_GC_NCAT };
#define NE_G_WORD	0x80000000u	/* lower case is an English word */

/* Document facts about a token's form, from the whole record. */
#define NE_D_LOWER	0x01	/* the form occurs in lower case elsewhere */
#define NE_D_MIDCAP	0x02	/* occurs capitalised mid-sentence elsewhere */
#define NE_D_FIRST	0x04	/* this is the first occurrence */

/* A tokenised text. */
struct ne_doc {
	const char	*text;
	size_t		 len;
	struct ne_token	*tok;
	size_t		 ntok, cap;
};

/* Lexicons loaded from the cluster and gazetteer files. */
struct ne_lex;

/* The model: hashed feature weights and label transitions. */
struct ne_model {
	unsigned	 bits;		/* 1 << bits feature buckets */
	uint32_t	 mask;
	float		*w;		/* buckets x NE_NLABELS, training */
	int16_t		*q;		/* the same, read from a file */
	float		 scale;		/* weight of one unit of q */
	float		 trans[NE_NLABELS + 1][NE_NLABELS];	/* row NE_NLABELS: start */
	/* For decoding: the labels that may precede each label, weights. */
	float		 dtrans[NE_NLABELS][NE_NLABELS];
	uint8_t		 prev[NE_NLABELS][NE_NLABELS];
	size_t		 nprev[NE_NLABELS];
	/* From each closing label (O, L, U) to each opening one (O, B, U). */
	float		 otrans[9][3][4] __attribute__((aligned(16)));
	/* Training only (NULL otherwise): averaging accumulators. */
	double		*wsum;
	double		 tsum[NE_NLABELS + 1][NE_NLABELS];
	char		*note;		/* what it was trained on */
};

/* Row length of the int16 weights: NE_NLABELS rounded up to 3 x 8. */
#define NE_QSTRIDE	24

/*
 * Features of one sentence: offsets into flat arrays of bucket numbers;
 * g holds the features of the word forms when they are kept apart.
 */
struct ne_feats {
	uint32_t	*f, *g;
	size_t		 n, ng, cap;
	size_t		 off[NE_MAXSENT + 1], goff[NE_MAXSENT + 1];
};

/* A mention found in a text. */
struct ne_mention {
	size_t		 start, end;	/* byte offsets */
	size_t		 tok0, tok1;	/* tokens [tok0, tok1) */
	int		 type;
	int		 entity;	/* index of its entity */
};

/* An entity: mentions of one name (full name and short forms). */
struct ne_entity {
	size_t		 start, end;	/* the longest mention's span */
	int		 type;
	int		 count;
	size_t		 first;		/* first mention's start */
	int		 running;	/* the name is from running text */
};

/* tok.c */
void	 ne_tokenize(struct ne_doc *, const char *, size_t);
void	 ne_doc_free(struct ne_doc *);
uint64_t ne_hash(const char *, size_t);
uint64_t ne_hash_lower(const char *, size_t);
uint64_t ne_hash_lower_more(uint64_t, const char *, size_t);

/* lex.c */
struct ne_lex *ne_lex_open(const char *, const char *);
void	 ne_lex_free(struct ne_lex *);
void	 ne_lex_annotate(const struct ne_lex *, struct ne_doc *);
void	 ne_doc_facts(struct ne_doc *);

/* feat.c */
void	 ne_features(const struct ne_doc *, size_t, size_t,
	    const uint8_t *, const uint8_t *, struct ne_feats *, uint32_t);
void	 ne_feats_free(struct ne_feats *);

/* model.c */
struct ne_model *ne_model_new(unsigned, int);
struct ne_model *ne_model_read(const char *, size_t, const char *);
int	 ne_model_write(struct ne_model *, const char *);
void	 ne_model_free(struct ne_model *);
void	 ne_viterbi(const struct ne_model *, const struct ne_feats *, size_t,
	    const int32_t (*)[NE_QSTRIDE], uint8_t *);
void	 ne_form_scores(const struct ne_model *, const uint32_t *, size_t,
	    int32_t *);
void	 ne_update(struct ne_model *, const struct ne_feats *, size_t,
	    const uint8_t *, const uint8_t *, double);
void	 ne_average(struct ne_model *, double);
int	 ne_allowed(int, int);

/* tag.c */
struct ne_tagger;
struct ne_tagger *ne_tagger_new(struct ne_model *, const struct ne_lex *);
void	 ne_tagger_free(struct ne_tagger *);
void	 ne_tag(struct ne_tagger *, struct ne_doc *, int, double *);
size_t	 ne_mentions(const struct ne_doc *, struct ne_mention **,
	    size_t *);
size_t	 ne_entities(const struct ne_doc *, struct ne_mention *, size_t,
	    struct ne_entity **, size_t *);

#endif /* NE_EXTERN_H */
