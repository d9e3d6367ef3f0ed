#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace retorno::matching {

// A growable array of a trivially copyable type in memory from malloc. Unlike a vector's, its
// memory can be handed on to an array of a smaller type: rewritten in place and shrunk with
// realloc, which for a large array gives the tail's pages back without copying anything. A
// batch of a million people files some 24 million entries of 12 bytes and then needs only
// their 4-byte people; with a vector both were held at once, at the batch's peak of memory.
template <class T>
class MallocArray {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

  public:
    MallocArray() = default;
    explicit MallocArray(std::size_t capacity) { reserve(capacity); }
    MallocArray(MallocArray&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)),
          m_size(std::exchange(other.m_size, 0)),
          m_capacity(std::exchange(other.m_capacity, 0)) {}
    MallocArray& operator=(MallocArray&& other) noexcept {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
        return *this;
    }
    MallocArray(const MallocArray&) = delete;
    MallocArray& operator=(const MallocArray&) = delete;
    ~MallocArray() { std::free(m_data); }

    // Room for `capacity` elements. Pages reserved but never written take no memory.
    void reserve(std::size_t capacity) {
        if (capacity <= m_capacity)
            return;
        void* grown = std::realloc(static_cast<void*>(m_data), capacity * sizeof(T));
        if (grown == nullptr)
            throw std::bad_alloc();
        m_data = static_cast<T*>(grown);
        m_capacity = capacity;
    }
    void push_back(const T& value) {
        if (m_size == m_capacity)
            reserve(m_capacity == 0 ? 16 : 2 * m_capacity);
        new (m_data + m_size) T(value);
        ++m_size;
    }
    template <class... Args>
    void emplace_back(Args&&... args) {
        push_back(T(std::forward<Args>(args)...));
    }
    void append(const MallocArray& other) {
        reserve(m_size + other.m_size);
        if (other.m_size != 0)
            std::memcpy(static_cast<void*>(m_data + m_size), other.m_data,
                        other.m_size * sizeof(T));
        m_size += other.m_size;
    }

    // Each element rewritten as convert(element), of a type no larger, in order and in the same
    // memory, which is then shrunk to the new elements; this array is left empty. Element k of
    // the result lies below element k of this array, so it is written only once that one and
    // all before it have been read.
    template <class U, class Convert>
    MallocArray<U> convert_in_place(Convert convert) && {
        static_assert(sizeof(U) <= sizeof(T) && alignof(U) <= alignof(T));
        MallocArray<U> out;
        if (m_data == nullptr)
            return out;
        auto* converted = reinterpret_cast<U*>(m_data);
        for (std::size_t k = 0; k < m_size; ++k) {
            const T value = m_data[k];
            new (converted + k) U(convert(value));
        }
        void* shrunk =
            std::realloc(static_cast<void*>(m_data), std::max<std::size_t>(1, m_size) * sizeof(U));
        out.adopt(static_cast<U*>(shrunk == nullptr ? static_cast<void*>(m_data) : shrunk), m_size);
        m_data = nullptr;
        m_size = 0;
        m_capacity = 0;
        return out;
    }

    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }
    T* data() { return m_data; }
    T& operator[](std::size_t i) { return m_data[i]; }
    const T& operator[](std::size_t i) const { return m_data[i]; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

  private:
    template <class>
    friend class MallocArray;

    void adopt(T* data, std::size_t size) {
        m_data = data;
        m_size = size;
        m_capacity = size;
    }

    T* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

}  // namespace retorno::matching
